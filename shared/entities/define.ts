import type { z } from 'zod';
import type { EntityName } from '../domain/entities.ts';
import type { FieldDecl, StoredKind, StoredValue } from './field.ts';

/**
 * One synced entity, declared once: its table, its API name, the noun its messages use, the i18n prefix
 * of its field labels, and its fields keyed by API name (the stored column is the snake_case of the name).
 * The contract's schemas, the Kysely table types, the sync field lists, the server's checks, history's
 * labels and formatting, the importer's and exporter's columns all come from here.
 */
export interface EntityDecl<F extends Record<string, FieldDecl> = Record<string, FieldDecl>> {
  readonly table: string;
  readonly entity: EntityName;
  /** "contact", "follow-up": what error messages call one record. */
  readonly noun: string;
  /** Field labels are `${labels}.${field}` in shared/i18n. */
  readonly labels: string;
  readonly fields: F;
}

export function defineEntity<const T extends string, F extends Record<string, FieldDecl>>(
  decl: EntityDecl<F> & { table: T },
): EntityDecl<F> & { table: T } {
  return decl;
}

/** `ownerId` → `owner_id`, at the type level. */
export type Snake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Snake<Tail>}`
  : S;

/** `ownerId` → `owner_id`: the stored column of an API field. */
export function columnOf<K extends string>(field: K): Snake<K> {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) as Snake<K>;
}

/** `owner_id` → `ownerId`: the API field of a stored column. */
export function fieldOfColumn(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

type StoredOf<D> = D extends FieldDecl<z.ZodType, infer S> ? S : never;

/** The stored columns of an entity's fields, typed: the body of its Kysely table interface. */
export type StoredColumns<F extends Record<string, FieldDecl>> = {
  [K in keyof F & string as Snake<K>]: StoredOf<F[K]>;
};

type SyncedKeys<F extends Record<string, FieldDecl>> = {
  [K in keyof F & string]: F[K]['role'] extends 'synced' ? K : never;
}[keyof F & string];

/** The API fields a person sets, with their input schemas. */
export type InputShape<F extends Record<string, FieldDecl>> = {
  [K in SyncedKeys<F>]: F[K]['input'];
};

/** A field of a new record: required, with its default, or optional (the handler may fill it). */
type CreateField<D extends FieldDecl> = D['mode'] extends 'required'
  ? D['input']
  : D extends { default: unknown }
    ? z.ZodDefault<D['input']>
    : z.ZodOptional<D['input']>;

export type CreateShape<F extends Record<string, FieldDecl>> = {
  [K in SyncedKeys<F>]: CreateField<F[K]>;
};

export type UpdateShape<F extends Record<string, FieldDecl>> = {
  [K in SyncedKeys<F>]: z.ZodOptional<F[K]['input']>;
};

export type OutputShape<F extends Record<string, FieldDecl>> = { [K in keyof F]: F[K]['output'] };

/** The entity's synced fields, keyed by API name, with their declarations. */
export function syncedFieldsOf(decl: EntityDecl): [string, FieldDecl][] {
  return Object.entries(decl.fields).filter(([, field]) => field.role === 'synced');
}

/** The input schema of each synced field, for the contract's create and update inputs. */
export function inputsOf<F extends Record<string, FieldDecl>>(decl: EntityDecl<F>): InputShape<F> {
  return Object.fromEntries(
    syncedFieldsOf(decl).map(([name, field]) => [name, field.input]),
  ) as InputShape<F>;
}

/** The output schema of every field (synced and derived), for the record the API returns. */
export function outputsOf<F extends Record<string, FieldDecl>>(decl: EntityDecl<F>): OutputShape<F> {
  return Object.fromEntries(
    Object.entries(decl.fields).map(([name, field]) => [name, field.output]),
  ) as OutputShape<F>;
}

/**
 * The fields of a new record as a create input takes them: those that must be given required, defaults
 * applied, everything else optional. Spread into `z.strictObject`, with cross-field rules added by the
 * caller (`superRefine`).
 */
export function createShapeOf<F extends Record<string, FieldDecl>>(decl: EntityDecl<F>): CreateShape<F> {
  return Object.fromEntries(
    syncedFieldsOf(decl).map(([name, field]) => [
      name,
      field.mode === 'required'
        ? field.input
        : field.default !== undefined
          ? field.input.default(field.default as never)
          : field.input.optional(),
    ]),
  ) as CreateShape<F>;
}

/** The fields an update takes: any synced field; one left out stays as it is, `null` clears it. */
export function updateShapeOf<F extends Record<string, FieldDecl>>(decl: EntityDecl<F>): UpdateShape<F> {
  return Object.fromEntries(
    syncedFieldsOf(decl).map(([name, field]) => [name, field.input.optional()]),
  ) as UpdateShape<F>;
}

/** How a coupled value is written when its declaration says (parts in a fixed order). */
export type ToStored = (value: never) => string | null;

/** API field → stored column, how it is stored, and its writer if it has one. */
export type ColumnMap = Record<string, readonly [column: string, kind: StoredKind, toStored?: ToStored]>;

/** The column map of an entity: its synced fields (written and read), and with `derived`, what it only reads. */
export function columnMapOf(decl: EntityDecl, options: { derived?: boolean } = {}): ColumnMap {
  return Object.fromEntries(
    Object.entries(decl.fields)
      .filter(([, field]) => field.role === 'synced' || options.derived === true)
      .map(([name, field]) => [
        name,
        field.toStored
          ? ([columnOf(name), field.stored, field.toStored] as const)
          : ([columnOf(name), field.stored] as const),
      ]),
  );
}

/** A stored value in its API shape: 0/1 as a flag, JSON text as its object. */
export function apiValueOf(field: FieldDecl, value: StoredValue): unknown {
  if (value === null) return null;
  if (field.stored === 'bool') return value === 1;
  if (field.stored === 'json' && typeof value === 'string') return JSON.parse(value) as unknown;
  return value;
}
