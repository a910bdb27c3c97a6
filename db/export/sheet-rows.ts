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

/**
 * The client's primary contact (the first live one flagged primary, index contact_live_by_client) with
 * its main phone and email, as one JSON array: a scalar subquery costs one index seek per client, where
 * a join on it would cost two. Every phone and email of every contact is in the contacts list.
 */
const PRIMARY_CONTACT = `(SELECT json_array(name, role, json_array(phones -> 0), json_array(emails -> 0))
    FROM contact WHERE client_id = t.id AND deleted_at IS NULL AND is_primary = 1 ORDER BY sort_name, id LIMIT 1)`;
const PRIMARY_CONTACT_ALIAS = 'primary_contact';

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
  return `FROM ${table} t ${joins.join(' ')}`;
}

/**
 * The columns a list shows: the record's id and times and its declared fields, never the sync
 * bookkeeping (a row's field clocks alone are longer than the rest of it).
 */
function selectList(kind: SheetKind): string {
  const { table } = sheetSpecs[kind];
  const decl: EntityDecl = entities[table];
  const names = [
    't.id',
    't.created_at',
    't.updated_at',
    ...Object.keys(decl.fields).map((field) => `t.${columnOf(field)}`),
    ...referencesOf(table).map((reference, index) => `r${index}.${reference.display} AS ${reference.alias}`),
  ];
  if (kind === 'clients') {
    names.push(`${TAG_NAMES} AS ${primaryContact.tags}`, `${PRIMARY_CONTACT} AS ${PRIMARY_CONTACT_ALIAS}`);
  }
  return `SELECT ${names.join(', ')} ${fromClause(kind)}`;
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

/** The labelled values (phones, emails) of a list's own fields, with the row column each is in. */
function listSource(
  kind: SheetKind,
  scope: ClientScope,
): { sql: string; term: SqlTerm; lists: [string, string][] } {
  const { table } = sheetSpecs[kind];
  const decl: EntityDecl = entities[table];
  const lists = Object.entries(decl.fields).flatMap(([field, declared]): [string, string][] =>
    declared.kind === 'json' && coupledLayoutOf(table, field).layout === 'list'
      ? [[columnOf(field), `t.${columnOf(field)}`]]
      : [],
  );
  return {
    sql: `FROM ${table} t ${wholeTable(scope)} WHERE t.deleted_at IS NULL AND`,
    term: scopeTerm(scope, scopeColumn(kind)),
    lists,
  };
}

/**
 * Everyone's rows are read in the table's own order: SQLite would otherwise walk an index of live rows
 * by name and fetch each row from another place in the file (several times slower at 300k contacts).
 */
function wholeTable(scope: ClientScope): string {
  return scope.kind === 'everyone' ? 'NOT INDEXED' : '';
}

/**
 * How many phones and emails the widest listed record has, and whether any of them carries a label (the
 * stored JSON is compact with sorted keys, so a label that is set reads `"label":"`).
 */
export function sheetShape(db: ReadDb, kind: SheetKind, scope: ClientScope): SheetShape {
  const source = listSource(kind, scope);
  if (source.lists.length === 0) return {};
  const measures = source.lists.map(
    ([, expression], index) =>
      `max(json_array_length(${expression})) AS count${index}, max(instr(${expression}, '"label":"') > 0) AS typed${index}`,
  );
  const sql = `SELECT ${measures.join(', ')} ${source.sql} ${source.term.sql}`;
  const row = db.prepare(sql).get(...source.term.params) as Record<string, number | null>;
  return Object.fromEntries(
    source.lists.map(([column], index) => [
      column,
      { count: row[`count${index}`] ?? 0, typed: row[`typed${index}`] === 1 },
    ]),
  );
}

/** The row columns holding JSON text, decoded once per row for the columns that read their parts. */
function jsonColumns(kind: SheetKind): string[] {
  const decl: EntityDecl = entities[sheetSpecs[kind].table];
  return Object.entries(decl.fields)
    .filter(([, declared]) => declared.kind === 'json')
    .map(([field]) => columnOf(field));
}

/**
 * The live rows of list `kind` in the scope: a filtered client list in the order the client list shows
 * it (page by page through its own query), one client's records in `sheetSpecs` order, and a whole list
 * in the order its records were stored.
 */
export function* sheetRows(db: ReadDb, kind: SheetKind, scope: ClientScope): Generator<SheetRow> {
  const decode = decoderOf(jsonColumns(kind), kind === 'clients');
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
  // Everyone's records come in the order they were stored (about the order they were added): reading a
  // table front to back is 3x faster than walking an index by name and fetching each row (100k clients).
  const order = scope.kind === 'everyone' ? 't.rowid' : sheetSpecs[kind].order;
  const sql = `${selectList(kind)} ${where(kind, term)} ORDER BY ${order}`;
  for (const row of db.prepare(sql).iterate(...term.params)) yield decode(row as SheetRow);
}

function decoderOf(columns: readonly string[], withPrimaryContact: boolean): (row: SheetRow) => SheetRow {
  return (row) => {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'string') row[column] = JSON.parse(value) as unknown;
    }
    if (withPrimaryContact) {
      const contact = row[PRIMARY_CONTACT_ALIAS];
      const [name, role, phones, emails] =
        typeof contact === 'string' ? (JSON.parse(contact) as unknown[]) : [];
      Object.assign(row, {
        [primaryContact.name]: name,
        [primaryContact.role]: role,
        [primaryContact.phones]: phones,
        [primaryContact.emails]: emails,
      });
    }
    return row;
  };
}
