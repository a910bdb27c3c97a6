import type { ColumnKind } from './columns.ts';
import type { SyncedTable } from './synced-tables.ts';

/**
 * Stored columns whose values are not what the API shows: 0/1 flags (shown as booleans) and coupled
 * values kept as JSON text (shown as objects). History shows every value as the API does.
 */
const storedAs: Partial<Record<SyncedTable, Record<string, ColumnKind>>> = {
  client: { vip: 'bool', address: 'json' },
  team_member: { active: 'bool' },
  contact: { is_primary: 'bool', emails: 'json', phones: 'json' },
  followup: { all_day: 'bool' },
  deal: { value: 'json' },
  payment: { money: 'json' },
  competitor_offer: { price: 'json' },
  campaign: { cost: 'json' },
};

/** A stored column name as the API names the field: `owner_id` → `ownerId`. */
export function apiFieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A logged (already JSON-decoded) column value as the API shows it. */
export function apiValue(table: SyncedTable, column: string, value: unknown): unknown {
  const kind = storedAs[table]?.[column];
  if (value === null || kind === undefined) return value;
  if (kind === 'bool') return value === 1;
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
