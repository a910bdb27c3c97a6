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
  /** Local rollup: time of the newest live interaction (db/records/rollups.ts); not synced. */
  last_contact_at: string | null;
  /** Local rollup: due time of the earliest open follow-up; not synced. */
  next_followup_at: string | null;
  /** Local rollups of contact: how many, the first, and when the silence became unusual (rollups.ts). */
  contact_count: number;
  first_contact_at: string | null;
  quiet_since: string | null;
}

/** A person on the team: an owner of clients, an assignee of follow-ups, the author of interactions. */
export interface TeamMemberTable extends SyncColumns {
  name: string;
  sort_name: string;
  email: string | null;
  phone: string | null;
  role: 'admin' | 'member';
  /** 0 or 1; inactive members keep their history but are not offered for new work. */
  active: number;
}

export interface ContactTable extends SyncColumns {
  client_id: string;
  name: string;
  sort_name: string;
  role: string | null;
  /** JSON array of `{value, label}`. */
  emails: string;
  /** JSON array of `{value, label}`. */
  phones: string;
  preferred_channel: 'phone' | 'email' | 'message' | 'meeting' | 'any' | null;
  /** YYYY-MM-DD. */
  birthday: string | null;
  notes: string | null;
  /** 0 or 1. */
  is_primary: number;
}

export interface InteractionTable extends SyncColumns {
  client_id: string;
  contact_id: string | null;
  user_id: string | null;
  deal_id: string | null;
  kind: 'call' | 'meeting' | 'visit' | 'email' | 'message' | 'note';
  direction: 'inbound' | 'outbound' | null;
  occurred_at: string;
  duration_s: number | null;
  outcome: string | null;
  summary: string | null;
  body: string | null;
}

export interface FollowupTable extends SyncColumns {
  client_id: string;
  contact_id: string | null;
  interaction_id: string | null;
  deal_id: string | null;
  title: string;
  notes: string | null;
  due_at: string;
  /** 0 or 1. */
  all_day: number;
  assignee_id: string | null;
  priority: 'low' | 'normal' | 'high';
  status: 'open' | 'done' | 'cancelled';
  completed_at: string | null;
}

export interface DealTable extends SyncColumns {
  client_id: string;
  title: string;
  stage: 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost';
  /** JSON `{amount, currency}`. */
  value: string | null;
  /** Derived from `value`, in minor units of `currency`. */
  value_minor: number | null;
  currency: string | null;
  probability: number | null;
  expected_close_on: string | null;
  closed_on: string | null;
  reason: string | null;
  competitor: string | null;
  owner_id: string | null;
  notes: string | null;
}

export interface PaymentTable extends SyncColumns {
  client_id: string;
  deal_id: string | null;
  kind: 'invoice' | 'payment' | 'refund';
  /** JSON `{amount, cost, currency}`. */
  money: string;
  /** Derived from `money`, in minor units of `currency`. */
  amount_minor: number;
  cost_minor: number | null;
  currency: string;
  issued_on: string;
  due_on: string | null;
  paid_on: string | null;
  reference: string | null;
  notes: string | null;
}

export interface CompetitorOfferTable extends SyncColumns {
  client_id: string;
  deal_id: string | null;
  competitor: string;
  offer: string | null;
  /** JSON `{amount, currency}`. */
  price: string | null;
  offered_on: string;
  notes: string | null;
}

export interface ServiceRequestTable extends SyncColumns {
  client_id: string;
  contact_id: string | null;
  assignee_id: string | null;
  title: string;
  description: string | null;
  status: 'open' | 'in_progress' | 'waiting' | 'resolved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  opened_at: string;
  resolved_at: string | null;
}

export interface CampaignTable extends SyncColumns {
  name: string;
  sort_name: string;
  channel: string | null;
  starts_on: string | null;
  ends_on: string | null;
  /** JSON `{amount, currency}`. */
  cost: string | null;
  notes: string | null;
}

export interface CampaignMemberTable extends SyncColumns {
  campaign_id: string;
  client_id: string;
  contact_id: string | null;
  status: 'targeted' | 'responded' | 'converted';
  responded_on: string | null;
}

export interface TagTable extends SyncColumns {
  name: string;
  sort_name: string;
  color: string | null;
}

export interface ClientTagTable extends SyncColumns {
  client_id: string;
  tag_id: string;
}

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
}

export type ClientRow = Selectable<ClientTable>;
export type NewClientRow = Insertable<ClientTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
