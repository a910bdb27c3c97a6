import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { entities } from '../../shared/entities/entities.ts';
import type { ReadDb } from '../sql.ts';
import { type ClientScope, type SqlTerm, listedClientIds, scopeTerm } from './client-scope.ts';
import type { SheetKind } from './export-request.ts';
import { type SheetRow, type SheetShape, primaryContact } from './sheet-columns.ts';
import { coupledLayoutOf, referencesOf, sheetSpecs } from './sheet-spec.ts';

/**
 * The rows of an exported list: the live records of its table in the scope, each with the names of the
 * records it points to (one query with joins, never a lookup per row), read one at a time from the
 * export's snapshot, so a list of any length streams in bounded memory. SQL text is made of code
 * constants (tables and columns of the declarations); every value is a bound parameter.
 */

/** The client's primary contact: the first live one flagged primary (index contact_live_by_client). */
const PRIMARY_CONTACT_JOIN = `LEFT JOIN contact pc ON pc.id = (SELECT id FROM contact
    WHERE client_id = t.id AND deleted_at IS NULL AND is_primary = 1 ORDER BY sort_name, id LIMIT 1)`;

/** The client's live tags by name, joined with ", " in name order. */
const TAG_NAMES = `(SELECT group_concat(tg.name, ', ' ORDER BY tg.sort_name, tg.id) FROM client_tag ct
    JOIN tag tg ON tg.id = ct.tag_id AND tg.deleted_at IS NULL
    WHERE ct.client_id = t.id AND ct.deleted_at IS NULL)`;

function scopeColumn(kind: SheetKind): string {
  return kind === 'clients' ? 't.id' : 't.client_id';
}

/** FROM and joins of a list: its table as `t`, each referenced record, the primary contact of a client. */
function fromClause(kind: SheetKind): string {
  const { table } = sheetSpecs[kind];
  const joins = referencesOf(table).map(
    (reference, index) => `LEFT JOIN ${reference.table} r${index} ON r${index}.id = t.${reference.column}`,
  );
  if (kind === 'clients') joins.push(PRIMARY_CONTACT_JOIN);
  return `FROM ${table} t ${joins.join(' ')}`;
}

function selectList(kind: SheetKind): string {
  const { table } = sheetSpecs[kind];
  const names = referencesOf(table).map(
    (reference, index) => `r${index}.${reference.display} AS ${reference.alias}`,
  );
  if (kind === 'clients') {
    names.push(
      `${TAG_NAMES} AS ${primaryContact.tags}`,
      `pc.name AS ${primaryContact.name}`,
      `pc.role AS ${primaryContact.role}`,
      `pc.phones AS ${primaryContact.phones}`,
      `pc.emails AS ${primaryContact.emails}`,
    );
  }
  return `SELECT t.*${names.map((name) => `, ${name}`).join('')} ${fromClause(kind)}`;
}

function where(kind: SheetKind, term: SqlTerm): string {
  return `WHERE t.deleted_at IS NULL AND ${term.sql}`;
}

/** How many rows the list has in the scope. */
export function countSheetRows(db: ReadDb, kind: SheetKind, scope: ClientScope): number {
  const { table } = sheetSpecs[kind];
  const term = scopeTerm(scope, scopeColumn(kind));
  const row = db.prepare(`SELECT count(*) AS n FROM ${table} t ${where(kind, term)}`).get(...term.params);
  return (row as { n: number }).n;
}

/** The row columns of a list that hold labelled values (phones, emails), as SQL expressions. */
function listExpressions(kind: SheetKind): Record<string, string> {
  const { table } = sheetSpecs[kind];
  const decl: EntityDecl = entities[table];
  const lists: Record<string, string> = {};
  for (const [field, declared] of Object.entries(decl.fields)) {
    if (declared.kind === 'json' && coupledLayoutOf(table, field).layout === 'list')
      lists[columnOf(field)] = `t.${columnOf(field)}`;
  }
  if (kind === 'clients') {
    lists[primaryContact.phones] = 'pc.phones';
    lists[primaryContact.emails] = 'pc.emails';
  }
  return lists;
}

/** How many phones and emails the widest listed record has, and whether any of them carries a label. */
export function sheetShape(db: ReadDb, kind: SheetKind, scope: ClientScope): SheetShape {
  const lists = Object.entries(listExpressions(kind));
  if (lists.length === 0) return {};
  const term = scopeTerm(scope, scopeColumn(kind));
  const measures = lists.map(
    ([, expression], index) =>
      `max(json_array_length(${expression})) AS count${index},
       max(EXISTS (SELECT 1 FROM json_each(${expression}) WHERE json_extract(value, '$.label') IS NOT NULL)) AS typed${index}`,
  );
  const sql = `SELECT ${measures.join(', ')} ${fromClause(kind)} ${where(kind, term)}`;
  const row = db.prepare(sql).get(...term.params) as Record<string, number | null>;
  return Object.fromEntries(
    lists.map(([column], index) => [
      column,
      { count: row[`count${index}`] ?? 0, typed: row[`typed${index}`] === 1 },
    ]),
  );
}

/** The row columns holding JSON text, decoded once per row for the columns that read their parts. */
function jsonColumns(kind: SheetKind): string[] {
  const decl: EntityDecl = entities[sheetSpecs[kind].table];
  const columns = Object.entries(decl.fields)
    .filter(([, declared]) => declared.kind === 'json')
    .map(([field]) => columnOf(field));
  return kind === 'clients' ? [...columns, primaryContact.phones, primaryContact.emails] : columns;
}

/**
 * The live rows of list `kind` in the scope, in the list's order: a filtered client list in the order
 * the client list shows it (page by page through its own query), everything else in `sheetSpecs` order.
 */
export function* sheetRows(db: ReadDb, kind: SheetKind, scope: ClientScope): Generator<SheetRow> {
  const decode = decoderOf(jsonColumns(kind));
  if (kind === 'clients' && scope.kind === 'list') {
    const sql = `${selectList(kind)} WHERE t.id IN (SELECT value FROM json_each(?))`;
    for (const ids of listedClientIds(db, scope)) {
      const rows = db.prepare(sql).all(JSON.stringify(ids)) as SheetRow[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of ids) {
        const row = byId.get(id);
        if (row) yield decode(row);
      }
    }
    return;
  }
  const term = scopeTerm(scope, scopeColumn(kind));
  const sql = `${selectList(kind)} ${where(kind, term)} ORDER BY ${sheetSpecs[kind].order}`;
  for (const row of db.prepare(sql).iterate(...term.params)) yield decode(row as SheetRow);
}

function decoderOf(columns: readonly string[]): (row: SheetRow) => SheetRow {
  return (row) => {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'string') row[column] = JSON.parse(value) as unknown;
    }
    return row;
  };
}
