import { z } from 'zod';
import { type EntityDecl, apiValueOf, columnOf, syncedFieldsOf } from '../../shared/entities/define.ts';
import { type EntityTable, entities } from '../../shared/entities/entities.ts';
import { type FieldDecl, type FieldProblem, refTo, requiredMoment } from '../../shared/entities/field.ts';
import { wireFieldsOf } from '../../shared/entities/wire.ts';
import { storedValue } from '../records/columns.ts';
import type { RecordTimes } from '../records/record-writer.ts';
import type { RowPatch, StoredRow } from '../records/synced-tables.ts';

/**
 * Rapport's own JSON export, format 1: one JSON document that any JSON reader can open, laid out one
 * record per line so that Rapport writes and reads it as a stream (never the whole text in memory):
 *
 *   {"rapport":{"format":1,"schemaVersion":9,"appVersion":"…","exportedAt":"…","scope":"all"},
 *   "tables":{
 *   "team_member":[
 *   {"id":"…","createdAt":"…","updatedAt":"…","deletedAt":null,"mergedInto":null,"name":"…",…},
 *   {…}
 *   ],
 *   "client":[
 *   …
 *   ]
 *   },
 *   "changeLog":[
 *   {"seq":1,"txnId":"…","table":"client","rowId":"…","field":"name","oldValue":null,"newValue":"…",…}
 *   ]
 *   }
 *
 * A record is its table's declared synced fields by API name, with the values the API has (flags as
 * booleans, coupled values as objects), plus its id, times, deletion and merge. Deleted records are
 * included. Derived fields (rollups, sort keys, search) are left out: they are computed again on import.
 */

export const RAPPORT_JSON_FORMAT = 1;

/** The tables in the order they are written and imported: a record comes after the ones it points to. */
export const jsonTableOrder = [
  'team_member',
  'tag',
  'campaign',
  'client',
  'contact',
  'deal',
  'interaction',
  'followup',
  'payment',
  'competitor_offer',
  'service_request',
  'campaign_member',
  'client_tag',
] as const satisfies readonly EntityTable[];

export const RapportJsonHeader = z.object({
  format: z.number().int(),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().optional(),
  exportedAt: z.string(),
  /** `all` (the whole database), `client` (one client) or `clientList` (the clients of a filtered list). */
  scope: z.enum(['all', 'client', 'clientList']).optional(),
});
export type RapportJsonHeader = z.infer<typeof RapportJsonHeader>;

/** A stored row as its export record. */
export function recordOf(table: EntityTable, row: StoredRow): Record<string, unknown> {
  const decl: EntityDecl = entities[table];
  const record: Record<string, unknown> = {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at ?? null,
    mergedInto: row.merged_into ?? null,
  };
  for (const [name, field] of syncedFieldsOf(decl))
    record[name] = apiValueOf(field, row[columnOf(name)] ?? null);
  return record;
}

/** A change log row as its export entry: its columns by camelCase name, the values as JSON values. */
export function historyEntryOf(row: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    const name =
      column === 'table_name' ? 'table' : column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    entry[name] =
      (column === 'old_value' || column === 'new_value') && typeof value === 'string'
        ? (JSON.parse(value) as unknown)
        : value;
  }
  return entry;
}

/** A record of the file as the record writer stores it, or what is wrong with it. */
export type StoredRecord =
  | { ok: true; id: string; times: RecordTimes; values: RowPatch }
  | { ok: false; id: string | null; problems: (FieldProblem & { field: string })[] };

const lifecycleFields: Record<string, string> = {
  deletedAt: 'deleted_at',
  mergedInto: 'merged_into',
};
const requiredId = refTo('record');
const requiredTime = requiredMoment();

/**
 * Checks a record of `table` against the entity's declaration (the same checks a value meets when it
 * arrives by sync) and turns it into stored columns. Null values are left out: the row's defaults are
 * null. Derived fields are ignored; a field the declaration does not have is refused.
 */
export function storedRecordOf(table: EntityTable, value: unknown): StoredRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      id: null,
      problems: [{ field: '', rule: 'invalid_type', message: 'Expected a record (a JSON object).' }],
    };
  }
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : null;
  const problems: (FieldProblem & { field: string })[] = [];
  const check = (field: string, problem: FieldProblem | null) => {
    if (problem) problems.push({ field, ...problem });
  };
  check('id', requiredId.check(typeof record.id === 'string' ? record.id : null));
  check('createdAt', timeProblem(record.createdAt));
  check('updatedAt', timeProblem(record.updatedAt));
  const decl: EntityDecl = entities[table];
  const wire = wireFieldsOf(table);
  const values: RowPatch = {};
  for (const [name, given] of Object.entries(record)) {
    if (name === 'id' || name === 'createdAt' || name === 'updatedAt') continue;
    const lifecycle = Object.hasOwn(lifecycleFields, name) ? lifecycleFields[name] : undefined;
    const column = lifecycle ?? columnOf(name);
    const field = lifecycle
      ? wire?.get(column)
      : Object.hasOwn(decl.fields, name)
        ? decl.fields[name]
        : undefined;
    if (field === undefined) {
      check(name, { rule: 'unknown_field', message: `${decl.noun} records have no field "${name}".` });
      continue;
    }
    if (field.role === 'derived') continue;
    const stored = storedOf(field, given);
    if (stored === undefined) {
      check(name, { rule: 'invalid_type', message: `Expected ${expectedOf(field)}.` });
      continue;
    }
    // A coupled value is checked as given, before its writer puts its parts in order (or drops a blank one).
    check(name, field.check(field.stored === 'json' && given !== null ? JSON.stringify(given) : stored));
    if (stored !== null) values[column] = stored;
  }
  for (const [name, field] of syncedFieldsOf(decl)) {
    if (!(name in record) && field.required) check(name, field.check(null));
  }
  if (problems.length > 0 || id === null) return { ok: false, id, problems };
  return {
    ok: true,
    id,
    times: { createdAt: String(record.createdAt), updatedAt: String(record.updatedAt) },
    values,
  };
}

function timeProblem(value: unknown): FieldProblem | null {
  return requiredTime.check(typeof value === 'string' ? value : null);
}

/** The stored value of an API value, or undefined when its type cannot be the field's. */
function storedOf(field: FieldDecl, value: unknown): string | number | null | undefined {
  if (value === null) return null;
  if (field.stored === 'bool') return typeof value === 'boolean' ? (value ? 1 : 0) : undefined;
  if (field.stored === 'json') {
    if (typeof value !== 'object') return undefined;
    const stored = storedValue(value, 'json', field.toStored);
    return typeof stored === 'string' || stored === null ? stored : undefined;
  }
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    ? value
    : undefined;
}

function expectedOf(field: FieldDecl): string {
  if (field.stored === 'bool') return 'true or false';
  if (field.stored === 'json') return 'a JSON object or list';
  return field.kind === 'int' ? 'a number' : 'text';
}
