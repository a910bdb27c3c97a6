import { z } from 'zod';
import { Id } from '../domain/common.ts';
import { DateOnly, DateTime, isCalendarDate, optionalText, requiredText } from '../domain/fields.ts';

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

export interface FieldDecl<Api = unknown, Stored extends StoredValue = StoredValue> {
  readonly kind: 'text' | 'enum' | 'bool' | 'int' | 'id' | 'date' | 'dateTime' | 'json';
  readonly stored: StoredKind;
  readonly role: FieldRole;
  /** The schema of the value a person or an API call sets. */
  readonly input: z.ZodType<Api>;
  /** The schema of the value the API returns. */
  readonly output: z.ZodType<Api>;
  /** Never null once the record exists. */
  readonly required: boolean;
  /** The value a new record takes when none is given. */
  readonly default?: Api;
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

/** Characters no typed text contains: C0 controls but tab and line breaks, DEL, lone surrogates. */
// eslint-disable-next-line no-control-regex
const UNTYPEABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

function checkText(max: number, required: boolean) {
  return (value: StoredValue): FieldProblem | null => {
    if (value === null) return required ? notSet : null;
    if (typeof value !== 'string') return problem('invalid_type', 'Expected text.');
    if (value.length > max) return problem('too_big', `At most ${max} characters.`);
    if (required && value.trim() === '') return notSet;
    if (UNTYPEABLE.test(value)) return problem('invalid_text', 'Contains control characters.');
    return null;
  };
}

/** Free text of at most `max` characters; blank is "not set". */
export function text(max: number, extras: Extras = {}): FieldDecl<string | null, string | null> {
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: optionalText(max),
    output: z.string().nullable(),
    required: false,
    max,
    ...extras,
    check: checkText(max, false),
  };
}

/** Text that must be given (a name, a title); `missing` tells a person what to enter. */
export function requiredName(max: number, missing: string, extras: Extras = {}): FieldDecl<string, string> {
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: requiredText(max, missing),
    output: z.string(),
    required: true,
    max,
    ...extras,
    check: checkText(max, true),
  };
}

/** Text in a custom shape (a website, an outcome code); checked on the wire by the same schema. */
export function shapedText(
  schema: z.ZodType<string | null>,
  max: number,
  extras: Extras = {},
): FieldDecl<string | null, string | null> {
  const length = checkText(max, false);
  return {
    kind: 'text',
    stored: 'value',
    role: 'synced',
    input: schema,
    output: z.string().nullable(),
    required: false,
    max,
    ...extras,
    check: (value) => length(value) ?? (value === null ? null : bySchema(schema, value)),
  };
}

/** One of a closed set of values; required unless `nullable`. */
export function oneOf<const V extends readonly [string, ...string[]]>(
  values: V,
  options: { default?: V[number] } = {},
): FieldDecl<V[number], V[number]> {
  const schema = z.enum(values);
  const allowed = new Set<string>(values);
  return {
    kind: 'enum',
    stored: 'value',
    role: 'synced',
    input: schema,
    output: schema,
    required: true,
    values,
    ...(options.default === undefined ? {} : { default: options.default }),
    check: (value) =>
      value === null
        ? notSet
        : typeof value === 'string' && allowed.has(value)
          ? null
          : problem('invalid_value', `Must be one of ${values.join(', ')}.`),
  };
}

/** Like {@link oneOf}, but it may be unset. */
export function oneOfOrNone<const V extends readonly [string, ...string[]]>(
  values: V,
): FieldDecl<V[number] | null, V[number] | null> {
  const base = oneOf(values);
  return {
    ...base,
    input: z.enum(values).nullable(),
    output: z.enum(values).nullable(),
    required: false,
    check: (value) => (value === null ? null : base.check(value)),
  };
}

/** A yes/no flag, stored as 0 or 1. */
export function flag(defaultValue: boolean, extras: Extras = {}): FieldDecl<boolean, number> {
  return {
    kind: 'bool',
    stored: 'bool',
    role: 'synced',
    input: z.boolean(),
    output: z.boolean(),
    required: true,
    default: defaultValue,
    ...extras,
    check: (value) =>
      value === 0 || value === 1 ? null : problem('invalid_type', 'Expected 0 or 1 (a flag).'),
  };
}

/** A whole number from `min` to `max`, or unset. */
export function whole(
  min: number,
  max: number,
  input?: z.ZodType<number | null>,
): FieldDecl<number | null, number | null> {
  return {
    kind: 'int',
    stored: 'value',
    role: 'synced',
    input: input ?? z.number().int().min(min).max(max).nullable(),
    output: z.number().nullable(),
    required: false,
    check: (value) =>
      value === null
        ? null
        : typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
          ? null
          : problem('invalid_type', `Expected a whole number from ${min} to ${max}.`),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(required: boolean) {
  return (value: StoredValue): FieldProblem | null =>
    value === null
      ? required
        ? notSet
        : null
      : typeof value === 'string' && UUID.test(value)
        ? null
        : problem('invalid_id', 'Expected a record id (UUID).');
}

/** The id of a record of `table` (a client, a contact); required unless `optional`. */
export function refTo(table: string): FieldDecl<string, string> {
  return {
    kind: 'id',
    stored: 'value',
    role: 'synced',
    input: Id,
    output: Id,
    required: true,
    references: table,
    check: checkId(true),
  };
}

/** Like {@link refTo}, but it may point nowhere. */
export function optionalRefTo(table: string, extras: Extras = {}): FieldDecl<string | null, string | null> {
  return {
    kind: 'id',
    stored: 'value',
    role: 'synced',
    input: Id.nullable(),
    output: Id.nullable(),
    required: false,
    references: table,
    ...extras,
    check: checkId(false),
  };
}

/** A calendar day, YYYY-MM-DD. */
export function day(options: { required?: boolean } = {}): FieldDecl<string | null, string | null> {
  const required = options.required ?? false;
  return {
    kind: 'date',
    stored: 'value',
    role: 'synced',
    input: required ? DateOnly : DateOnly.nullable(),
    output: required ? z.string() : z.string().nullable(),
    required,
    check: (value) =>
      value === null
        ? required
          ? notSet
          : null
        : typeof value === 'string' && isCalendarDate(value)
          ? null
          : problem('date', 'Expected a date as YYYY-MM-DD.'),
  };
}

const STORED_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** True for a moment as Rapport stores it: UTC with milliseconds (`toISOString`). */
export function isStoredMoment(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    STORED_MOMENT.test(value) &&
    isCalendarDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A moment in time, stored in UTC. */
export function moment(options: { required?: boolean } = {}): FieldDecl<string | null, string | null> {
  const required = options.required ?? false;
  return {
    kind: 'dateTime',
    stored: 'value',
    role: 'synced',
    input: required ? DateTime : DateTime.nullable(),
    output: required ? z.string() : z.string().nullable(),
    required,
    check: (value) =>
      value === null
        ? required
          ? notSet
          : null
        : isStoredMoment(value)
          ? null
          : problem('dateTime', 'Expected a moment such as 2026-03-31T14:30:00.000Z.'),
  };
}

/**
 * Coupled values stored as one JSON text (an address, an amount with its currency), so they win or lose
 * a merge together (SYNC.md). `schema` checks the parsed value, on the wire as in a form.
 */
export function coupled<S extends z.ZodType>(
  schema: S,
  output: z.ZodType<z.output<S>>,
  options: { required?: boolean } & Extras = {},
): FieldDecl<z.output<S> | null, string | null> {
  const { required = false, ...extras } = options;
  return {
    kind: 'json',
    stored: 'json',
    role: 'synced',
    input: (required ? schema : schema.nullable()) as z.ZodType<z.output<S> | null>,
    output: (required ? output : output.nullable()) as z.ZodType<z.output<S> | null>,
    required,
    ...extras,
    check: (value) => {
      if (value === null) return required ? notSet : null;
      if (typeof value !== 'string') return problem('invalid_json', 'Expected JSON text.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return problem('invalid_json', 'Expected JSON text.');
      }
      return bySchema(schema, parsed);
    },
  };
}

/** Computed here from other fields (a sort key, a rollup): never typed, never synced. */
export function derived<T extends StoredValue>(output: z.ZodType<T>): FieldDecl<T, T> {
  return {
    kind: 'text',
    stored: 'value',
    role: 'derived',
    input: output,
    output,
    required: false,
    check: () => null,
  };
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
