import { z } from 'zod';
import { Id } from '../domain/common.ts';
import {
  DateOnly,
  DateTime,
  hasBrokenCharacters,
  isCalendarDate,
  optionalText,
  requiredText,
} from '../domain/fields.ts';

/**
 * One field of a synced entity, declared once (shared/entities/README in the project README's design
 * notes): how a person enters it (`input`), how the API returns it (`output`), how it is stored (`stored`)
 * and checked on the wire (`check`), and what else it takes part in (search, merge, conflicts).
 */

/** A value as stored in a synced column: text, a number, or nothing. */
export type StoredValue = string | number | null;

/** How an API value is stored: as is, as 0/1, or as JSON text (coupled values that sync together). */
export type StoredKind = 'value' | 'bool' | 'json';

/** What a field is: `synced` fields are typed by people and merged field by field; `derived` ones are computed here. */
export type FieldRole = 'synced' | 'derived';

/** Which column of the record's search document a field's text goes to (bm25 weights differ). */
export type SearchColumn = 'name' | 'details' | 'notes';

/** What merging a duplicate client does with the field: take the duplicate's value when empty, join texts, or either flag. */
export type MergeRule = 'fill' | 'combine' | 'either';

/** Why a stored value breaks its declaration: a rule code (shared/i18n `validation.rule.*`) and English words. */
export interface FieldProblem {
  rule: string;
  message: string;
}

/** Whether a new record must be given the field, takes a default, or may leave it out. */
export type FieldMode = 'required' | 'defaulted' | 'optional';

export interface FieldDecl<
  S extends z.ZodType = z.ZodType,
  Stored extends StoredValue = StoredValue,
  M extends FieldMode = FieldMode,
> {
  readonly kind: 'text' | 'enum' | 'bool' | 'int' | 'id' | 'date' | 'dateTime' | 'json';
  readonly stored: StoredKind;
  readonly role: FieldRole;
  /** The schema of the value a person or an API call sets. */
  readonly input: S;
  /** The schema of the value the API returns. */
  readonly output: z.ZodType<z.output<S>>;
  /** Never null once the record exists. */
  readonly required: boolean;
  readonly mode: M;
  /** The value a new record takes when none is given. */
  readonly default?: z.output<S>;
  /** The values an enum allows. */
  readonly values?: readonly string[];
  /** Longest text accepted. */
  readonly max?: number;
  /** The synced table an id field points to. */
  readonly references?: string;
  readonly search?: SearchColumn;
  /** A text whose losing side of a concurrent edit is kept for the conflict inbox (SYNC.md). */
  readonly conflict?: boolean;
  readonly merge?: MergeRule;
  /** How a coupled value is written (parts in a fixed order, blank → null); default: JSON with sorted keys. */
  readonly toStored?: (value: never) => string | null;
  /** Checks a stored value as it arrives from another laptop or the server: null when it is fine. */
  check(value: StoredValue): FieldProblem | null;
  /** Phantom: the stored type, for the Kysely table types. */
  readonly storedType?: Stored;
}

interface Extras {
  search?: SearchColumn;
  conflict?: boolean;
  merge?: MergeRule;
}

const problem = (rule: string, message: string): FieldProblem => ({ rule, message });
const notSet = problem('required', 'This field must have a value.');

/** A check of a value that may be unset (null) unless `required`, and is otherwise `valid` or `broken`. */
function present(required: boolean, valid: (value: string | number) => boolean, broken: FieldProblem) {
  return (value: StoredValue): FieldProblem | null =>
    value === null ? (required ? notSet : null) : valid(value) ? null : broken;
}

/** A plain synced field stored as it is: the parts every builder below shares. */
function plain<const K extends FieldDecl['kind'], S extends z.ZodType, const M extends FieldMode>(
  kind: K,
  input: S,
  output: z.ZodType<z.output<S>>,
  mode: M,
  check: (value: StoredValue) => FieldProblem | null,
) {
  return {
    kind,
    stored: 'value' as const,
    role: 'synced' as const,
    input,
    output,
    required: mode !== 'optional',
    mode,
    check,
  };
}

function checkText(max: number, required: boolean) {
  return (value: StoredValue): FieldProblem | null => {
    if (value === null) return required ? notSet : null;
    if (typeof value !== 'string') return problem('invalid_type', 'Expected text.');
    if (value.length > max) return problem('too_big', `At most ${max} characters.`);
    if (required && value.trim() === '') return notSet;
    if (hasBrokenCharacters(value)) return problem('invalid_text', 'Contains control characters.');
    return null;
  };
}

/** Free text of at most `max` characters; blank is "not set". */
export function text(max: number, extras: Extras = {}) {
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: optionalText(max),
    output: z.string().nullable(),
    required: false,
    mode: 'optional',
    max,
    ...extras,
    check: checkText(max, false),
  } satisfies FieldDecl<z.ZodType<string | null>, string | null, 'optional'>;
}

/** Text that must be given (a name, a title); `missing` tells a person what to enter. */
export function requiredName(max: number, missing: string, extras: Extras = {}) {
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: requiredText(max, missing),
    output: z.string(),
    required: true,
    mode: 'required',
    max,
    ...extras,
    check: checkText(max, true),
  } satisfies FieldDecl<z.ZodType<string>, string, 'required'>;
}

/** Text in a custom shape (a website, an outcome code), or unset; checked on the wire by the same schema. */
export function shapedText<S extends z.ZodType<string | null>>(schema: S, max: number, extras: Extras = {}) {
  const length = checkText(max, false);
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: schema,
    output: z.string().nullable() as unknown as z.ZodType<z.output<S>>,
    required: false,
    mode: 'optional',
    max,
    ...extras,
    check: (value: StoredValue) => length(value) ?? (value === null ? null : bySchema(schema, value)),
  } satisfies FieldDecl<S, string | null, 'optional'>;
}

function enumCheck(values: readonly string[], nullable: boolean) {
  const allowed = new Set<string>(values);
  return present(
    !nullable,
    (value) => typeof value === 'string' && allowed.has(value),
    problem('invalid_value', `Must be one of ${values.join(', ')}.`),
  );
}

/** One of a closed set of values, required; a new record takes `defaultValue` when given none. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V) {
  const schema = z.enum(values);
  return {
    kind: 'enum',
    stored: 'value',
    role: 'synced',
    input: schema,
    output: schema,
    required: true,
    mode: 'required',
    values,
    check: enumCheck(values, false),
  } satisfies FieldDecl<z.ZodEnum, V[number], 'required'>;
}

/** Like {@link oneOf}, with the value a new record takes when given none. */
export function oneOfDefault<const V extends readonly [string, ...string[]]>(
  values: V,
  defaultValue: V[number],
) {
  return { ...oneOf(values), mode: 'defaulted', default: defaultValue } satisfies FieldDecl<
    z.ZodEnum,
    V[number],
    'defaulted'
  >;
}

/** Like {@link oneOf}, but it may be unset. */
export function oneOfOrNone<const V extends readonly [string, ...string[]]>(values: V) {
  const schema = z.enum(values).nullable();
  return {
    kind: 'enum',
    stored: 'value',
    role: 'synced',
    input: schema,
    output: schema,
    required: false,
    mode: 'optional',
    values,
    check: enumCheck(values, true),
  } satisfies FieldDecl<typeof schema, V[number] | null, 'optional'>;
}

/** A yes/no flag, stored as 0 or 1. */
export function flag(defaultValue: boolean, extras: Extras = {}) {
  return {
    kind: 'bool',
    stored: 'bool',
    role: 'synced',
    input: z.boolean(),
    output: z.boolean(),
    required: true,
    mode: 'defaulted',
    default: defaultValue,
    ...extras,
    check: (value: StoredValue) =>
      value === 0 || value === 1 ? null : problem('invalid_type', 'Expected 0 or 1 (a flag).'),
  } satisfies FieldDecl<z.ZodBoolean, number, 'defaulted'>;
}

/** A whole number from `min` to `max`, or unset; `input` gives the messages a form shows. */
export function whole<S extends z.ZodType<number | null>>(min: number, max: number, input: S) {
  return {
    kind: 'int',
    stored: 'value',
    role: 'synced',
    input,
    output: z.number().nullable() as unknown as z.ZodType<z.output<S>>,
    required: false,
    mode: 'optional',
    check: (value: StoredValue) =>
      value === null
        ? null
        : typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
          ? null
          : problem('invalid_type', `Expected a whole number from ${min} to ${max}.`),
  } satisfies FieldDecl<S, number | null, 'optional'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(required: boolean) {
  return present(
    required,
    (value) => typeof value === 'string' && UUID.test(value),
    problem('invalid_id', 'Expected a record id (UUID).'),
  );
}

/** The id of a record of `table` (a client, a tag), required. */
export function refTo(table: string) {
  return { ...plain('id', Id, Id, 'required', checkId(true)), references: table };
}

const OptionalId = Id.nullable();

/** Like {@link refTo}, but it may point nowhere. */
export function optionalRefTo(table: string, extras: Extras = {}) {
  return { ...plain('id', OptionalId, OptionalId, 'optional', checkId(false)), references: table, ...extras };
}

const dayCheck = (required: boolean) =>
  present(
    required,
    (value) => typeof value === 'string' && isCalendarDate(value),
    problem('date', 'Expected a date as YYYY-MM-DD.'),
  );

const OptionalDay = DateOnly.nullable();

/** A calendar day, YYYY-MM-DD, or unset. */
export function day() {
  return plain('date', OptionalDay, z.string().nullable(), 'optional', dayCheck(false));
}

/** A calendar day every record has (an invoice's issue date); a new record takes today when given none. */
export function requiredDay() {
  return plain('date', DateOnly, z.string(), 'defaulted', dayCheck(true));
}

const STORED_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** True for a moment as Rapport stores it: UTC with milliseconds (`toISOString`). */
function isStoredMoment(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    STORED_MOMENT.test(value) &&
    isCalendarDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

const momentCheck = (required: boolean) =>
  present(
    required,
    isStoredMoment,
    problem('dateTime', 'Expected a moment such as 2026-03-31T14:30:00.000Z.'),
  );

const OptionalMoment = DateTime.nullable();

/** A moment in time, stored in UTC, or unset. */
export function moment() {
  return plain('dateTime', OptionalMoment, z.string().nullable(), 'optional', momentCheck(false));
}

/** A moment every record has (when a call happened); a new record takes now when given none. */
export function requiredMoment() {
  return plain('dateTime', DateTime, z.string(), 'defaulted', momentCheck(true));
}

function jsonCheck(schema: z.ZodType, required: boolean) {
  return (value: StoredValue): FieldProblem | null => {
    if (value === null) return required ? notSet : null;
    if (typeof value !== 'string') return problem('invalid_json', 'Expected JSON text.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return problem('invalid_json', 'Expected JSON text.');
    }
    return bySchema(schema, parsed);
  };
}

/**
 * Coupled values stored as one JSON text (an address, an amount with its currency), or unset, so they
 * win or lose a merge together (SYNC.md). `schema` checks the parsed value, on the wire as in a form.
 */
export function coupled<S extends z.ZodType>(
  schema: S,
  output: z.ZodType<z.output<S>>,
  extras: Extras & { toStored?: (value: z.output<S>) => string | null } = {},
) {
  const input = schema.nullable();
  return {
    kind: 'json',
    stored: 'json',
    role: 'synced',
    input,
    output: output.nullable(),
    required: false,
    mode: 'optional',
    ...extras,
    check: jsonCheck(schema, false),
  } satisfies FieldDecl<typeof input, string | null, 'optional'>;
}

/** Like {@link coupled}, for a value every record has (a contact's phone list, possibly empty). */
export function requiredCoupled<S extends z.ZodType>(schema: S, output: z.ZodType<z.output<S>>) {
  return {
    kind: 'json',
    stored: 'json',
    role: 'synced',
    input: schema,
    output,
    required: true,
    mode: 'defaulted',
    check: jsonCheck(schema, true),
  } satisfies FieldDecl<S, string, 'defaulted'>;
}

/**
 * Computed here from other fields (a rollup): never typed, never synced, returned by the API. `kind` says
 * what the value is (a moment, a number) for those that show or export it.
 */
export function derived<T extends StoredValue>(output: z.ZodType<T>, kind: FieldDecl['kind'] = 'text') {
  return {
    kind,
    stored: 'value',
    role: 'derived',
    input: output,
    output,
    required: false,
    mode: 'optional',
    check: () => null,
  } satisfies FieldDecl<z.ZodType<T>, T, 'optional'>;
}

function bySchema(schema: z.ZodType, value: unknown): FieldProblem | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const params = issue && 'params' in issue ? (issue.params as { rule?: unknown } | undefined) : undefined;
  const rule = typeof params?.rule === 'string' ? params.rule : (issue?.code ?? 'invalid');
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return problem(rule, `${where}${issue?.message ?? 'Invalid value.'}`);
}
