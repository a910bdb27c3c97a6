import { foldText } from '../../shared/text.ts';

/** A value as stored in a synced column. */
export type FieldValue = string | number | null;

/** A row of a synced table, as read with `SELECT *`. */
export type StoredRow = Record<string, FieldValue>;

/** Fields to change; `undefined` means "leave as it is". */
export type RowPatch = Record<string, FieldValue | undefined>;

/** How one synced table is written: which fields sync field by field, and what is derived locally. */
export interface SyncedTableSpec {
  /** Fields users change and sync merges one by one (SYNC.md). `deleted_at` is a field like any other. */
  readonly fields: readonly string[];
  /** Local-only columns computed from the fields (sort keys, search text); never logged or synced. */
  derive?(row: StoredRow): StoredRow;
}

/** Every synced table. Table and field names here are code constants, so they are safe in SQL text. */
export const syncedTables = {
  client: {
    fields: [
      'name',
      'kind',
      'industry',
      'segment',
      'stage',
      'vip',
      'owner_id',
      'source',
      'region',
      'address',
      'website',
      'preferences',
      'payment_terms',
      'solvency_notes',
      'notes',
      'deleted_at',
      'merged_into',
    ],
    derive: (row) => ({ sort_name: foldText(typeof row.name === 'string' ? row.name : '') }),
  },
} as const satisfies Record<string, SyncedTableSpec>;

export type SyncedTable = keyof typeof syncedTables;

/** True when `name` is a synced table. */
export function isSyncedTable(name: string): name is SyncedTable {
  return Object.hasOwn(syncedTables, name);
}

export function specOf(table: SyncedTable): SyncedTableSpec {
  return syncedTables[table];
}
