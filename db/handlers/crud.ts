import { AppError } from '../../shared/api/errors.ts';
import type { EntityName } from '../../shared/domain/entities.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { type EntityDecl, columnMapOf } from '../../shared/entities/define.ts';
import { type ColumnMap, fromRow, toPatch } from '../records/columns.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { FieldValue, PatchOf, RowOf, StoredRow, SyncedTable } from '../records/synced-tables.ts';
import type { HandlerContext, ReadContext } from './context.ts';

/**
 * The shared create/get/update/delete/restore and keyset listing of the entities. Each entity's table, API
 * name, noun and column map come from its declaration (shared/entities); table and column names are code
 * constants, never input, so they are safe in SQL text.
 */
export interface EntityDef<T, Table extends SyncedTable = SyncedTable> {
  table: Table;
  entity: EntityName;
  /** "contact", "follow-up": what error messages call one record. */
  noun: string;
  columns: ColumnMap;
  /** Fills what is not a plain column (joined names, lists); defaults to nothing. */
  decorate?: (ctx: ReadContext, records: T[]) => T[];
  /** Phantom: the API type. */
  readonly type?: T;
}

/**
 * The handlers' view of a declared entity, its API type `T` named once:
 * `defineEntity<Contact>()(entities.contact)`; the table's row type comes from the declaration.
 */
export function defineEntity<T>() {
  return <Table extends SyncedTable>(
    decl: EntityDecl & { table: Table },
    options: Pick<EntityDef<T, Table>, 'decorate'> = {},
  ): EntityDef<T, Table> => ({
    table: decl.table,
    entity: decl.entity,
    noun: decl.noun,
    columns: columnMapOf(decl, { derived: true }),
    ...options,
  });
}

export function toRecords<T, Table extends SyncedTable>(
  ctx: ReadContext,
  def: EntityDef<T, Table>,
  rows: RowOf<Table>[],
): T[] {
  const records = rows.map((row) => fromRow(row, def.columns) as T);
  return def.decorate ? def.decorate(ctx, records) : records;
}

/** The record with this id, deleted or not. */
export function findRecord<T, Table extends SyncedTable>(
  ctx: ReadContext,
  def: EntityDef<T, Table>,
  id: string,
): T | undefined {
  const row = ctx.rows.read(def.table, id);
  return row && toRecords(ctx, def, [row])[0];
}

/** The live record with this id; `not_found` naming `field` when it does not exist or was deleted. */
export function liveRecord<T, Table extends SyncedTable>(
  ctx: ReadContext,
  def: EntityDef<T, Table>,
  id: string,
  field = 'id',
): T {
  const row = requireLive(ctx, def.table, id, field, def.noun);
  const [record] = toRecords(ctx, def, [row]);
  if (record === undefined) throw notFound(def.noun, field, id);
  return record;
}

/** The stored row of a live record another one refers to; `not_found` naming the referring field. */
export function requireLive<Table extends SyncedTable>(
  ctx: ReadContext,
  table: Table,
  id: string,
  field: string,
  noun: string,
): RowOf<Table> {
  const row = ctx.rows.read(table, id);
  if (!row || row.deleted_at !== null) throw notFound(noun, field, id);
  return row;
}

/**
 * Like {@link requireLive} for an optional reference that must also belong to `clientId` (a contact or a
 * deal of the same client); a record of another client is a validation error on `field`.
 */
export function requireOfClient(
  ctx: ReadContext,
  table: 'contact' | 'deal' | 'interaction',
  id: string | null | undefined,
  field: string,
  noun: string,
  clientId: string,
): void {
  if (id === null || id === undefined) return;
  const row = requireLive(ctx, table, id, field, noun);
  if (row.client_id !== clientId) {
    const message = `This ${noun} belongs to another client.`;
    throw new AppError('validation', `Check the input — ${field}: ${message}`, {
      issues: [{ path: field, rule: 'other_client', message }],
    });
  }
}

export function notFound(noun: string, field: string, id: string): AppError {
  return new AppError('not_found', `This ${noun} does not exist or was deleted (${field}).`, { field, id });
}

/** Creates a record from API fields plus extra stored columns; announces it and returns it as stored. */
export function createRecord<T, Table extends SyncedTable>(
  ctx: HandlerContext,
  def: EntityDef<T, Table>,
  fields: Record<string, unknown>,
  options: { id?: string; extra?: PatchOf<Table> } = {},
): T {
  const id = options.id ?? uuidv7(ctx.now().getTime());
  ctx.writer.insert(def.table, id, { ...toPatch(fields, def.columns), ...options.extra });
  return announced(ctx, def, id);
}

/** Changes fields of a live record; announces it only if something really changed. */
export function updateRecord<T, Table extends SyncedTable>(
  ctx: HandlerContext,
  def: EntityDef<T, Table>,
  id: string,
  fields: Record<string, unknown>,
  extra: PatchOf<Table> = {},
): T {
  liveRecord(ctx, def, id);
  const changed = ctx.writer.update(def.table, id, { ...toPatch(fields, def.columns), ...extra });
  return changed.length > 0 ? announced(ctx, def, id) : liveRecord(ctx, def, id);
}

/** Deletes softly: the record can be restored, and undo brings it back. */
export function deleteRecord<T, Table extends SyncedTable>(
  ctx: HandlerContext,
  def: EntityDef<T, Table>,
  id: string,
): T {
  liveRecord(ctx, def, id);
  ctx.writer.update(def.table, id, { deleted_at: ctx.now().toISOString() });
  return announced(ctx, def, id);
}

/** Brings back a deleted record; restoring a live one changes nothing. */
export function restoreRecord<T extends { deletedAt: string | null }, Table extends SyncedTable>(
  ctx: HandlerContext,
  def: EntityDef<T, Table>,
  id: string,
): T {
  const record = findRecord(ctx, def, id);
  if (record === undefined) throw notFound(def.noun, 'id', id);
  if (record.deletedAt === null) return record;
  ctx.writer.update(def.table, id, { deleted_at: null });
  return announced(ctx, def, id);
}

export function announced<T, Table extends SyncedTable>(
  ctx: HandlerContext,
  def: EntityDef<T, Table>,
  id: string,
): T {
  ctx.emit('data.changed', { entity: def.entity, ids: [id] });
  const record = findRecord(ctx, def, id);
  if (record === undefined) throw notFound(def.noun, 'id', id);
  return record;
}

/** A condition on a column of live rows: equality, or a comparison. */
export type Condition = readonly [
  column: string,
  op: '=' | '<' | '<=' | '>' | '>=' | 'is',
  value: FieldValue,
];

export interface ListQuery {
  where: readonly Condition[];
  /** Sort columns (never null) ending with `id`, each ascending or descending. */
  order: readonly (readonly [column: string, direction: 'asc' | 'desc'])[];
  after?: string | null | undefined;
  limit: number;
  /** Include deleted rows. */
  withDeleted?: boolean;
}

/**
 * One keyset page of live rows of `def`: rows after the cursor in the given order, plus the cursor of
 * the next page. The conditions and order must match an index (each list has a query-plan test).
 */
export function listPage<T, Table extends SyncedTable>(
  ctx: ReadContext,
  def: EntityDef<T, Table>,
  query: ListQuery,
): { items: T[]; nextCursor: string | null } {
  const { sql, parameters } = pageSql(def.table, query);
  // `SELECT *` of the entity's table: every column its row type names.
  const rows = ctx.db.prepare(sql).all(...parameters) as RowOf<Table>[];
  const page = rows.slice(0, query.limit);
  const last: StoredRow | undefined = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(query.order.map(([column]) => last[column] ?? ''))
      : null;
  return { items: toRecords(ctx, def, page), nextCursor };
}

/** The SQL of {@link listPage}, exported for query-plan tests. */
export function pageSql(table: SyncedTable, query: ListQuery): { sql: string; parameters: FieldValue[] } {
  const clauses: string[] = query.withDeleted ? [] : ['deleted_at IS NULL'];
  const parameters: FieldValue[] = [];
  for (const [column, op, value] of query.where) {
    clauses.push(`"${column}" ${op === 'is' ? 'IS' : op} ?`);
    parameters.push(value);
  }
  if (query.after) {
    const key = decodeCursor(query.after, query.order.length);
    const directions = new Set(query.order.map(([, direction]) => direction));
    if (directions.size === 1) {
      // One direction: a row-value comparison, which SQLite turns into a range of the index.
      const columns = query.order.map(([column]) => `"${column}"`).join(', ');
      const marks = query.order.map(() => '?').join(', ');
      clauses.push(`(${columns}) ${directions.has('asc') ? '>' : '<'} (${marks})`);
      parameters.push(...key);
    } else {
      // (a, b, id) after (x, y, z) in mixed directions: a beyond x, or a = x and b beyond y, and so on.
      const alternatives = query.order.map(([column, direction], i) => {
        const equal = query.order.slice(0, i).map(([c]) => `"${c}" = ?`);
        const beyond = `"${column}" ${direction === 'asc' ? '>' : '<'} ?`;
        parameters.push(...key.slice(0, i), key[i] ?? null);
        return `(${[...equal, beyond].join(' AND ')})`;
      });
      clauses.push(`(${alternatives.join(' OR ')})`);
    }
  }
  const order = query.order.map(([column, direction]) => `"${column}" ${direction.toUpperCase()}`).join(', ');
  parameters.push(query.limit + 1);
  return {
    sql: `SELECT * FROM "${table}" WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ?`,
    parameters,
  };
}
