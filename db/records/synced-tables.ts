import { toMinorUnits } from '../../shared/domain/fields.ts';
import { foldText } from '../../shared/text.ts';
import type { SearchKind } from '../../shared/domain/search.ts';
import { indexRecord } from '../search/index-record.ts';
import type { Db } from '../sql.ts';
import { refreshClientRevenue, refreshClientRollups } from './rollups.ts';

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
  /**
   * Keeps local derived data (rollups, the search index) in step, in the same transaction. Runs after
   * every insert and every real update, whether the change was made here, by undo or by sync.
   * `previous` is the row before an update (undefined after an insert).
   */
  afterWrite?(db: Db, row: StoredRow, previous: StoredRow | undefined): void;
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

/** Keeps the record's search document in step (db/search). */
const searchIndex =
  (kind: SearchKind): AfterWrite =>
  (db, row, previous) => {
    indexRecord(db, kind, row, previous);
  };

/** Runs several hooks in order. */
const all =
  (...hooks: AfterWrite[]): AfterWrite =>
  (db, row, previous) => {
    for (const hook of hooks) hook(db, row, previous);
  };

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
      ...lifecycle,
    ],
    derive: sortName,
    afterWrite: searchIndex('client'),
  },
  team_member: {
    fields: ['name', 'email', 'phone', 'role', 'active', ...lifecycle],
    derive: sortName,
  },
  contact: {
    fields: [
      'client_id',
      'name',
      'role',
      'emails',
      'phones',
      'preferred_channel',
      'birthday',
      'notes',
      'is_primary',
      ...lifecycle,
    ],
    derive: sortName,
    afterWrite: searchIndex('contact'),
  },
  interaction: {
    fields: [
      'client_id',
      'contact_id',
      'user_id',
      'deal_id',
      'kind',
      'direction',
      'occurred_at',
      'duration_s',
      'outcome',
      'summary',
      'body',
      ...lifecycle,
    ],
    afterWrite: all(refreshRollups, searchIndex('interaction')),
  },
  followup: {
    fields: [
      'client_id',
      'contact_id',
      'interaction_id',
      'deal_id',
      'title',
      'notes',
      'due_at',
      'all_day',
      'assignee_id',
      'priority',
      'status',
      'completed_at',
      ...lifecycle,
    ],
    afterWrite: refreshRollups,
  },
  deal: {
    fields: [
      'client_id',
      'title',
      'stage',
      'value',
      'probability',
      'expected_close_on',
      'closed_on',
      'reason',
      'competitor',
      'owner_id',
      'notes',
      ...lifecycle,
    ],
    derive: (row) => ({ value_minor: minorUnits(row.value, 'amount'), currency: currencyOf(row.value) }),
  },
  payment: {
    fields: [
      'client_id',
      'deal_id',
      'kind',
      'money',
      'issued_on',
      'due_on',
      'paid_on',
      'reference',
      'notes',
      ...lifecycle,
    ],
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
  competitor_offer: {
    fields: ['client_id', 'deal_id', 'competitor', 'offer', 'price', 'offered_on', 'notes', ...lifecycle],
  },
  service_request: {
    fields: [
      'client_id',
      'contact_id',
      'assignee_id',
      'title',
      'description',
      'status',
      'priority',
      'opened_at',
      'resolved_at',
      ...lifecycle,
    ],
  },
  campaign: {
    fields: ['name', 'channel', 'starts_on', 'ends_on', 'cost', 'notes', ...lifecycle],
    derive: sortName,
  },
  campaign_member: {
    fields: ['campaign_id', 'client_id', 'contact_id', 'status', 'responded_on', ...lifecycle],
  },
  tag: {
    fields: ['name', 'color', ...lifecycle],
    derive: sortName,
  },
  client_tag: {
    fields: ['client_id', 'tag_id', ...lifecycle],
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
