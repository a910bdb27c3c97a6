import type { Insertable, Selectable } from 'kysely';

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
}

/** Local-only key/value facts about this database: its device id, last clock, and so on. */
export interface LocalMetaTable {
  key: string;
  value: string;
}

/** The whole database, as Kysely sees it. */
export interface Database {
  client: ClientTable;
  local_meta: LocalMetaTable;
}

export type ClientRow = Selectable<ClientTable>;
export type NewClientRow = Insertable<ClientTable>;
