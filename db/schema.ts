import type { Generated, Selectable } from 'kysely';
import type { StoredColumns } from '../shared/entities/define.ts';
import type { entities } from '../shared/entities/entities.ts';

/**
 * Columns every synced table has (SYNC.md). `hlc` is the newest clock of the row, `field_clocks` a JSON
 * map field → clock of its last write.
 */
export type SyncColumns = {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  merged_into: string | null;
  hlc: string;
  field_clocks: string;
};

/** The stored columns of a declared entity (shared/entities), typed. */
type Declared<T extends keyof typeof entities> = StoredColumns<(typeof entities)[T]['fields']>;

export type ClientTable = SyncColumns &
  Declared<'client'> & {
    /** Lowercased, diacritics-folded name: the sort and prefix-match key for every script. */
    sort_name: string;
    /** Local rollups of contact: how many, and the first (rollups.ts). */
    contact_count: number;
    first_contact_at: string | null;
  };

/** A person on the team: an owner of clients, an assignee of follow-ups, the author of interactions. */
export type TeamMemberTable = SyncColumns &
  Declared<'team_member'> & {
    sort_name: string;
  };

export type ContactTable = SyncColumns &
  Declared<'contact'> & {
    sort_name: string;
  };

export type InteractionTable = SyncColumns & Declared<'interaction'>;
export type FollowupTable = SyncColumns & Declared<'followup'>;

export type DealTable = SyncColumns &
  Declared<'deal'> & {
    /** Derived from `value`, in minor units of `currency`. */
    value_minor: number | null;
    currency: string | null;
  };

export type PaymentTable = SyncColumns &
  Declared<'payment'> & {
    /** Derived from `money`, in minor units of `currency`. */
    amount_minor: number;
    cost_minor: number | null;
    currency: string;
  };

export type CompetitorOfferTable = SyncColumns & Declared<'competitor_offer'>;
export type ServiceRequestTable = SyncColumns & Declared<'service_request'>;

export type CampaignTable = SyncColumns &
  Declared<'campaign'> & {
    sort_name: string;
  };

export type CampaignMemberTable = SyncColumns & Declared<'campaign_member'>;

export type TagTable = SyncColumns &
  Declared<'tag'> & {
    sort_name: string;
  };

export type ClientTagTable = SyncColumns & Declared<'client_tag'>;

/** Local only: a follow-up's reminder dismissed or snoozed for the due time it was shown for. */
export interface ReminderStateTable {
  followup_id: string;
  due_at: string;
  dismissed_at: string | null;
  snoozed_until: string | null;
}

/** Local-only key/value facts about this database: its device id, last clock, and so on. */
export interface LocalMetaTable {
  key: string;
  value: string;
}

/** Who made a change: this device's user, an undo of one, or another device through sync. */
/** Who made a change: the user here, an undo here, another device, or sync here on its own (redirects). */
export type ChangeOrigin = 'local' | 'undo' | 'remote' | 'sync';

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
  /** The writer's pull cursor when it made the change (what it had seen of the team's changes). */
  seen_seq: number | null;
  /** The change's sequence on the sync server, once known. */
  server_seq: number | null;
}

/** One import into this laptop's database (db/import/import-runs.ts); local, never synced. */
export interface ImportRunTable {
  id: string;
  txn_id: string;
  file_name: string;
  type: string;
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'undone';
  started_at: string;
  finished_at: string | null;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  options: string;
  rejected_rows: string;
}

/** A mapping of columns to fields the user saved for files with the same columns. */
export interface ImportMappingTable {
  fingerprint: string;
  name: string;
  mapping: string;
  saved_at: string;
}

/** The newest fit of the lifetime-value models of one currency ('' for none); local and derived. */
export interface ClvModelTable {
  currency: string;
  /** The fitted models as `analytics.clvModel` returns them (JSON). */
  model: string;
  fitted_at: string;
  /** The change-log sequence the fit saw. */
  fitted_seq: number;
}

/** The whole database, as Kysely sees it. */
export interface Database {
  client: ClientTable;
  team_member: TeamMemberTable;
  contact: ContactTable;
  interaction: InteractionTable;
  followup: FollowupTable;
  deal: DealTable;
  payment: PaymentTable;
  competitor_offer: CompetitorOfferTable;
  service_request: ServiceRequestTable;
  campaign: CampaignTable;
  campaign_member: CampaignMemberTable;
  tag: TagTable;
  client_tag: ClientTagTable;
  local_meta: LocalMetaTable;
  reminder_state: ReminderStateTable;
  change_log: ChangeLogTable;
  import_run: ImportRunTable;
  import_mapping: ImportMappingTable;
  clv_model: ClvModelTable;
}

export type ClientRow = Selectable<ClientTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
