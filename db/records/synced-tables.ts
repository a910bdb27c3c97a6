import { toMinorUnits } from '../../shared/domain/fields.ts';
import { type EntityDecl, columnOf, syncedFieldsOf } from '../../shared/entities/define.ts';
import { type EntityTable, entities } from '../../shared/entities/entities.ts';
import { foldText } from '../../shared/text.ts';
import type { SearchKind } from '../../shared/domain/search.ts';
import { indexRecord } from '../search/index-record.ts';
import type { Database } from '../schema.ts';
import type { Db } from '../sql.ts';
import { refreshClientRevenue, refreshClientRollups } from './rollups.ts';

/**
 * A row of synced table `T` as stored, typed from its declaration (db/schema.ts). The synced tables have
 * no generated columns, so the Kysely table type is the row type.
 */
export type RowOf<T extends SyncedTable> = Database[T];

/**
 * Columns of table `T` to write; a column left out or `undefined` stays as it is. The lifecycle columns
 * are named on their own so code generic over the table can still set them.
 */
export type PatchOf<T extends SyncedTable> =
  | { [K in keyof RowOf<T>]?: RowOf<T>[K] | undefined }
  | { deleted_at?: string | null; merged_into?: string | null };

/** A value as stored in a synced column. */
export type FieldValue = string | number | null;

/** A row of any synced table, as read with `SELECT *` (code that walks every table: sync, merge). */
export type StoredRow = Record<string, FieldValue>;

/** Fields to change; `undefined` means "leave as it is". */
export type RowPatch = Record<string, FieldValue | undefined>;

/** How one synced table is written: which fields sync field by field, and what is derived locally. */
export interface SyncedTableSpec {
  /** Fields users change and sync merges one by one (SYNC.md). `deleted_at` is a field like any other. */
  readonly fields: readonly string[];
  /** Local-only columns computed from the fields (sort keys, search text); never logged or synced. */
  derive?(row: StoredRow): StoredRow;
  /**
   * Keeps local derived data (rollups, the search index) in step, in the same transaction. Runs after
   * every insert and every real update, whether the change was made here, by undo or by sync.
   * `previous` is the row before an update (undefined after an insert).
   */
  afterWrite?(db: Db, row: StoredRow, previous: StoredRow | undefined): void;
  /** The search kind whose documents `afterWrite` keeps (db/search), if the table is searched. */
  readonly search?: SearchKind;
  /**
   * True when `afterWrite` does nothing but keep the search document: a new row of the table changes
   * nothing else, so many can be inserted at once and indexed together (RecordWriter.insertMany).
   */
  readonly onlyIndexedAfterWrite: boolean;
}

/** The sync columns every row has besides `id` (SYNC.md); `deleted_at` is also a synced field. */
export const LIFECYCLE_FIELDS = ['deleted_at', 'merged_into'] as const;
const lifecycle = LIFECYCLE_FIELDS;

const sortName = (row: StoredRow) => ({ sort_name: foldText(text(row.name)) });

function text(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Minor units of a JSON money field (`{amount, currency}` plus optional `cost`), for sums and sorting. */
function minorUnits(json: FieldValue | undefined, part: 'amount' | 'cost'): number | null {
  if (typeof json !== 'string') return null;
  const money = JSON.parse(json) as { amount?: number | null; cost?: number | null; currency: string };
  const value = money[part];
  return typeof value === 'number' ? toMinorUnits(value, money.currency) : null;
}

function currencyOf(json: FieldValue | undefined): string | null {
  return typeof json === 'string' ? (JSON.parse(json) as { currency: string }).currency : null;
}

/** After a child of a client changed: its rollups, and those of the client it moved away from. */
function refreshRollups(db: Db, row: StoredRow, previous: StoredRow | undefined): void {
  refreshClientRollups(db, text(row.client_id));
  if (previous && previous.client_id !== row.client_id) refreshClientRollups(db, text(previous.client_id));
}

type AfterWrite = NonNullable<SyncedTableSpec['afterWrite']>;

/** Runs several hooks in order. */
const all =
  (...hooks: AfterWrite[]): AfterWrite =>
  (db, row, previous) => {
    for (const hook of hooks) hook(db, row, previous);
  };

/** The synced fields of a table, from its declaration (shared/entities), then the lifecycle fields. */
function fieldsOf(table: EntityTable): readonly string[] {
  const decl: EntityDecl = entities[table];
  return [...syncedFieldsOf(decl).map(([name]) => columnOf(name)), ...lifecycle];
}

/**
 * What each table derives and keeps in step locally; its fields come from its declaration. `search`
 * names the search kind whose document follows the row; `afterWrite` here is every other hook.
 */
const hooks: Record<EntityTable, Pick<SyncedTableSpec, 'derive' | 'afterWrite'> & { search?: SearchKind }> = {
  client: { derive: sortName, search: 'client' },
  team_member: { derive: sortName },
  contact: { derive: sortName, search: 'contact' },
  interaction: { afterWrite: refreshRollups, search: 'interaction' },
  followup: { afterWrite: refreshRollups },
  deal: {
    derive: (row) => ({ value_minor: minorUnits(row.value, 'amount'), currency: currencyOf(row.value) }),
  },
  payment: {
    afterWrite: (db, row, previous) => {
      refreshClientRevenue(db, text(row.client_id));
      if (previous && previous.client_id !== row.client_id)
        refreshClientRevenue(db, text(previous.client_id));
    },
    derive: (row) => ({
      amount_minor: minorUnits(row.money, 'amount'),
      cost_minor: minorUnits(row.money, 'cost'),
      currency: currencyOf(row.money),
    }),
  },
  competitor_offer: {},
  service_request: {},
  campaign: { derive: sortName },
  campaign_member: {},
  tag: { derive: sortName },
  client_tag: {},
};

/** A table's spec: its hooks, then its search document kept in step (after the rollups it may read). */
function specOfTable(table: EntityTable): SyncedTableSpec {
  const { derive, afterWrite, search } = hooks[table];
  const indexed: AfterWrite | undefined =
    search === undefined ? undefined : (db, row, previous) => indexRecord(db, search, row, previous);
  const hook = afterWrite && indexed ? all(afterWrite, indexed) : (afterWrite ?? indexed);
  return {
    fields: fieldsOf(table),
    ...(derive ? { derive } : {}),
    ...(hook ? { afterWrite: hook } : {}),
    ...(search ? { search } : {}),
    onlyIndexedAfterWrite: afterWrite === undefined,
  };
}

/** Every synced table. Table and field names here are code constants, so they are safe in SQL text. */
export const syncedTables = Object.fromEntries(
  (Object.keys(hooks) as EntityTable[]).map((table) => [table, specOfTable(table)]),
) as Record<EntityTable, SyncedTableSpec>;

export type SyncedTable = EntityTable;

/** True when `name` is a synced table. */
export function isSyncedTable(name: string): name is SyncedTable {
  return Object.hasOwn(syncedTables, name);
}

export function specOf(table: SyncedTable): SyncedTableSpec {
  return syncedTables[table];
}
