import type { Db } from '../sql.ts';
import type { FieldValue, StoredRow, SyncedTable } from './synced-tables.ts';

/**
 * Rows per INSERT statement: a few dozen rows share one statement step, far below SQLite's limit of
 * bound values (32766) for the widest table. Shorter runs go in halves (32, 16, …, 1), so a handful of
 * statement texts serve every count and stay in the statement cache.
 */
const ROWS_PER_STATEMENT = 64;

/**
 * Inserts `rows` of `columns` (values in column order) with multi-row INSERTs, in the order given, so
 * the table assigns rowids (and the change log its sequence numbers) as one INSERT per row would.
 * Column and table names come from code, never from input. With `returning`, answers each row's rowid.
 */
export function insertValues(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly FieldValue[])[],
  returning?: 'rowid',
): number[] {
  const rowids: number[] = [];
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let at = 0;
  while (at < rows.length) {
    let count = ROWS_PER_STATEMENT;
    while (count > rows.length - at) count >>= 1;
    const sql = `${head}${Array.from({ length: count }, () => tuple).join(', ')}${returning ? ' RETURNING rowid' : ''}`;
    const values: FieldValue[] = [];
    for (let i = at; i < at + count; i++) for (const value of rows[i] ?? []) values.push(value);
    const statement = db.prepare(sql);
    if (returning) {
      // RETURNING answers in no promised order: the rowids of one statement are sorted, as assigned.
      const returned = (statement.all(...values) as { rowid: number }[]).map((row) => row.rowid);
      rowids.push(...returned.sort((a, b) => a - b));
    } else statement.run(...values);
    at += count;
  }
  return rowids;
}

/**
 * New rows of one table, each with its own columns, as one column list and value lists: a column a row
 * leaves out gets the table's default, as it would in an INSERT of that row alone.
 */
export function uniformRows(
  db: Db,
  table: SyncedTable,
  rows: readonly StoredRow[],
): { columns: string[]; values: FieldValue[][] } {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const defaults = columnDefaults(db, table);
  const values = rows.map((row) =>
    columns.map((column) => (column in row ? (row[column] ?? null) : (defaults.get(column) ?? null))),
  );
  return { columns, values };
}

/** Column defaults by connection and table (a connection's schema is migrated once, when it opens). */
const defaultsOf = new WeakMap<Db['sqlite'], Map<SyncedTable, Map<string, FieldValue>>>();

function columnDefaults(db: Db, table: SyncedTable): Map<string, FieldValue> {
  const tables = defaultsOf.get(db.sqlite) ?? new Map<SyncedTable, Map<string, FieldValue>>();
  defaultsOf.set(db.sqlite, tables);
  let defaults = tables.get(table);
  if (defaults === undefined) {
    defaults = readColumnDefaults(db, table);
    tables.set(table, defaults);
  }
  return defaults;
}

/** Each column's default value (the schema's are constants: '[]', 0, 'prospect'), evaluated by SQLite. */
function readColumnDefaults(db: Db, table: SyncedTable): Map<string, FieldValue> {
  const info = db.prepare(`PRAGMA table_info("${table}")`).all() as {
    name: string;
    dflt_value: string | null;
  }[];
  const defaults = new Map<string, FieldValue>();
  for (const column of info) {
    if (column.dflt_value === null) continue;
    // The default's SQL text comes from the schema, which this code wrote.
    const { value } = db.prepare(`SELECT ${column.dflt_value} AS value`).get() as { value: FieldValue };
    defaults.set(column.name, value);
  }
  return defaults;
}
