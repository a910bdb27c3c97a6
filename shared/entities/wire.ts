import { type EntityDecl, columnOf, syncedFieldsOf } from './define.ts';
import { entities, isEntityTable } from './entities.ts';
import {
  type FieldDecl,
  type FieldProblem,
  type StoredValue,
  moment,
  optionalRefTo,
  requiredMoment,
} from './field.ts';

/**
 * The checks of a change as it crosses the wire (SYNC.md: `{table, rowId, field, value}` with the stored
 * value as JSON text), used by the server on every pushed op and by a laptop on every pulled value, so a
 * value the declaration does not allow is refused where it enters instead of breaking every laptop later.
 */

/** The verdict on one change: fine, a field this version does not know (kept aside), or a broken value. */
export type WireVerdict =
  | { ok: true; value: StoredValue }
  | { ok: false; unknown: 'table' | 'field'; reason: string }
  | ({ ok: false; unknown?: undefined; reason: string } & FieldProblem);

/** The columns every synced row has that sync carries besides the declared fields (SYNC.md). */
const lifecycle = (table: string): Record<string, FieldDecl> => ({
  created_at: requiredMoment(),
  deleted_at: moment(),
  merged_into: optionalRefTo(table),
});

const byColumn = new Map<string, Map<string, FieldDecl>>();

/** The declared fields of a table by stored column, lifecycle columns included. */
export function wireFieldsOf(table: string): Map<string, FieldDecl> | undefined {
  let columns = byColumn.get(table);
  if (columns) return columns;
  if (!isEntityTable(table)) return undefined;
  const decl: EntityDecl = entities[table];
  columns = new Map<string, FieldDecl>([
    ...syncedFieldsOf(decl).map(([name, field]) => [columnOf(name), field] as const),
    ...Object.entries(lifecycle(table)),
  ]);
  byColumn.set(table, columns);
  return columns;
}

/**
 * Checks one change: its table and field are known and its value (JSON text of the stored value) is
 * what the declaration allows. On success, `value` is the stored value to write.
 */
export function checkWireChange(table: string, field: string, json: string): WireVerdict {
  const fields = wireFieldsOf(table);
  if (!fields) return { ok: false, unknown: 'table', reason: `unknown table ${table}` };
  const decl = fields.get(field);
  if (!decl) return { ok: false, unknown: 'field', reason: `unknown field ${table}.${field}` };
  let decoded: unknown;
  try {
    decoded = JSON.parse(json);
  } catch {
    return broken(table, field, { rule: 'invalid_json', message: 'The value is not JSON.' });
  }
  const value = storedFrom(decoded, decl);
  if (value === undefined)
    return broken(table, field, { rule: 'invalid_type', message: 'The value has the wrong type.' });
  const problem = decl.check(value);
  return problem ? broken(table, field, problem) : { ok: true, value };
}

/** The stored value a decoded JSON value stands for; an object is the JSON text of a coupled field. */
function storedFrom(decoded: unknown, decl: FieldDecl): StoredValue | undefined {
  if (decoded === null || typeof decoded === 'string') return decoded;
  if (typeof decoded === 'number') return Number.isFinite(decoded) ? decoded : undefined;
  if (typeof decoded === 'object' && decl.stored === 'json') return JSON.stringify(decoded);
  return undefined;
}

function broken(table: string, field: string, problem: FieldProblem): WireVerdict {
  return { ok: false, ...problem, reason: `${table}.${field}: ${problem.message} (${problem.rule})` };
}
