import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Columns every synced table has (SYNC.md). `hlc` is the newest clock of the row, `field_clocks` a JSON
 * map field → clock of its last write.
 */
export interface SyncColumns {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  merged_into: string | null;
  hlc: string;
  field_clocks: string;
}

export interface ClientTable extends SyncColumns {
  name: string;
  /** Lowercased, diacritics-folded name: the sort and prefix-match key for every script. */
  sort_name: string;
  kind: 'company' | 'person';
  industry: string | null;
  segment: string | null;
  stage: 'prospect' | 'lead' | 'active' | 'loyal' | 'lapsed' | 'lost';
  /** 0 or 1. */
  vip: number;
  owner_id: string | null;
  source: string | null;
  region: string | null;
  /** JSON of the address parts: they win or lose a merge together. */
  address: string | null;
  website: string | null;
  preferences: string | null;
  payment_terms: string | null;
  solvency_notes: string | null;
  notes: string | null;
}

/** Local-only key/value facts about this database: its device id, last clock, and so on. */
export interface LocalMetaTable {
  key: string;
  value: string;
}

/** Who made a change: this device's user, an undo of one, or another device through sync. */
export type ChangeOrigin = 'local' | 'undo' | 'remote';

/** One field of one row changed (SYNC.md). Values are JSON text; `null` old value means "created". */
export interface ChangeLogTable {
  seq: Generated<number>;
  /** Groups the changes of one API call: the unit of undo. */
  txn_id: string;
  hlc: string;
  at: string;
  table_name: string;
  row_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  user_id: string | null;
  device_id: string;
  origin: ChangeOrigin;
  /** The transaction that undid this change, once undone. */
  undone_by: string | null;
}

/** The whole database, as Kysely sees it. */
export interface Database {
  client: ClientTable;
  local_meta: LocalMetaTable;
  change_log: ChangeLogTable;
}

export type ClientRow = Selectable<ClientTable>;
export type NewClientRow = Insertable<ClientTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
