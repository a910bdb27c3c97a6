import type { FieldValue, StoredRow, SyncedTable } from './synced-tables.ts';

/*
 * A record's creation is one change-log entry, not one per field: the entry of its `created_at`, whose
 * new value is the record as created, `{"created_at": …, "name": …, …}` (each field's value as a field
 * entry would hold it). An import of 100k clients with their contacts logs 200k entries instead of 1.7M,
 * a sixth of the bytes. Entries written before this (and the ones sync applies, field by field) hold the
 * creation time alone, a string. Readers that want fields (a record's history, the outbox, the last
 * write of a field) expand the entry with {@link fieldEntriesOf}; the ones that only look for the
 * creation (undo, taking an import back) read `field = 'created_at'` as before.
 */

/** Fields that keep an entry of their own at creation, because a partial index reads their history. */
const OWN_ENTRY_FIELDS: Partial<Record<SyncedTable, ReadonlySet<string>>> = {
  // change_log_client_stage: the lifecycle page reads every stage change, the first one included.
  client: new Set(['stage']),
};

/** The field that marks a creation in the change log. */
export const CREATED_FIELD = 'created_at';

/**
 * What a new record logs: the creation entry's value (`created_at` and every given field but those with
 * an entry of their own), then those fields, in the table's order.
 */
export function creationEntries(
  table: SyncedTable,
  row: StoredRow,
  fields: readonly string[],
): { created: Record<string, FieldValue>; ownEntries: string[] } {
  const own = OWN_ENTRY_FIELDS[table];
  const created: Record<string, FieldValue> = { created_at: row.created_at ?? null };
  const ownEntries: string[] = [];
  for (const field of fields) {
    if (own?.has(field) === true) ownEntries.push(field);
    else created[field] = row[field] ?? null;
  }
  return { created, ownEntries };
}

/**
 * The field entries one change-log entry stands for: itself, or for a creation entry holding the record,
 * one per field it holds (`created_at` first), each new value as JSON text as a field entry has it.
 */
export function fieldEntriesOf(
  field: string,
  newValue: string | null,
): { field: string; newValue: string }[] {
  const created = field === CREATED_FIELD && newValue !== null ? creationOf(newValue) : undefined;
  if (created === undefined) return [{ field, newValue: newValue ?? 'null' }];
  return Object.entries(created).map(([name, value]) => ({ field: name, newValue: JSON.stringify(value) }));
}

/** The fields and values a creation entry holds; undefined for one that holds the creation time alone. */
export function creationOf(newValue: string): Record<string, FieldValue> | undefined {
  // Only an object starts with a brace; the creation time alone is a JSON string.
  if (!newValue.startsWith('{')) return undefined;
  return JSON.parse(newValue) as Record<string, FieldValue>;
}
