import { decodeHlc, encodeHlc } from '../../shared/hlc.ts';
import type { PulledChange } from '../../shared/sync/protocol.ts';
import { CLIENT_CHILD_TABLES } from '../records/merge-clients.ts';
import { parseClocks } from '../records/record-writer.ts';
import { LIFECYCLE_FIELDS, type StoredRow, syncedTables } from '../records/synced-tables.ts';
import type { Db } from '../sql.ts';
import { type ApplyOptions, type ApplyResult, applyChanges, emptyResult } from './apply.ts';

/** Longest node id a clock may carry on the wire (shared/sync/protocol.ts). */
const MAX_NODE = 64;
/** Redirects of redirects stop here (a chain of merges, or two clients merged into each other). */
const MAX_ROUNDS = 8;

const CLIENT_FIELDS = syncedTables.client.fields.filter(
  (field) => !(LIFECYCLE_FIELDS as readonly string[]).includes(field),
);

/**
 * A clock just after `hlc`: later than it, earlier than any later write. Every device redirecting the same
 * change makes the same clock (and the same value), so their redirects are one write to the merge rule,
 * and a real edit made after the original change still wins over the redirect. `salt` (where the change
 * is redirected to or from) keeps two different redirects of one clock apart. Null when the clock's node
 * would grow past what the protocol carries (a long chain of merges).
 */
export function clockJustAfter(hlc: string, salt: string): string | null {
  const clock = decodeHlc(hlc);
  const node = `${clock.node}z${fnv1a(salt).toString(36).padStart(7, '0')}`;
  return node.length > MAX_NODE ? null : encodeHlc({ ...clock, node });
}

/**
 * Applies pulled changes, then redirects what they left pointing at a merged duplicate (SYNC.md): live
 * contacts, calls, deals and the rest of a merged client move to the client it was merged into, and edits
 * of the duplicate's fields made after the merge (in clock order) go to that client too. Redirects are
 * changes this device makes (origin `sync`), sent to the team like any edit; every device would make the
 * same ones, so they converge. Runs in the caller's transaction.
 */
export function applyWithRedirects(changes: readonly PulledChange[], options: ApplyOptions): ApplyResult {
  const result = applyChanges(changes, options);
  // Every pulled page passes here; a team that never merged pays one index lookup.
  if (options.db.prepare('SELECT 1 FROM client WHERE merged_into IS NOT NULL LIMIT 1').get() !== undefined)
    redirect(result.touched, result, options);
  return result;
}

/** Redirects everything that points at any merged client (after a first-sync snapshot). */
export function redirectAllMerged(options: ApplyOptions): ApplyResult {
  const merged = options.db.prepare('SELECT id FROM client WHERE merged_into IS NOT NULL').all() as {
    id: string;
  }[];
  const result = emptyResult();
  redirect(new Map([['client', new Set(merged.map((row) => row.id))]]), result, options);
  return result;
}

function redirect(touched: Map<string, Set<string>>, result: ApplyResult, options: ApplyOptions): void {
  let rows = touched;
  for (let round = 0; round < MAX_ROUNDS && rows.size > 0; round++) {
    const changes = redirectsFor(options.db, rows, options.deviceId);
    if (changes.length === 0) return;
    const applied = applyChanges(changes, { ...options, origin: 'sync' });
    result.applied += applied.applied;
    result.conflicts += applied.conflicts;
    for (const [table, ids] of applied.touched) {
      const all = result.touched.get(table) ?? new Set<string>();
      for (const id of ids) all.add(id);
      result.touched.set(table, all);
    }
    rows = applied.touched;
  }
}

interface MergedClient {
  id: string;
  target: string;
}

/** The redirects the touched rows call for. */
function redirectsFor(db: Db, touched: Map<string, Set<string>>, deviceId: string): PulledChange[] {
  const changes = new Map<string, PulledChange>();
  const add = (table: string, rowId: string, field: string, value: string, hlc: string | null) => {
    // A redirected edit was made on another record: it saw nothing of this one (seen 0).
    if (hlc !== null)
      changes.set(`${table}\u0000${rowId}\u0000${field}`, {
        seq: 0,
        table,
        rowId,
        field,
        value,
        hlc,
        deviceId,
        seen: 0,
      });
  };
  const clientRow = db.prepare('SELECT * FROM client WHERE id = ?');
  const mergedTarget = (id: string): MergedClient | null => {
    const row = clientRow.get(id) as StoredRow | undefined;
    if (typeof row?.merged_into !== 'string') return null;
    // Redirect only to a client this device has; the rest follows once it arrives.
    const target = clientRow.get(row.merged_into) as StoredRow | undefined;
    if (!target) return null;
    if (target.merged_into !== id) return { id, target: row.merged_into };
    // Two laptops merged these two into each other: the later merge stands, so the client it kept
    // comes back (the same decision on every laptop, from the clocks) and the other goes into it.
    const ownClock = parseClocks(row.field_clocks).merged_into ?? '';
    const targetClock = parseClocks(target.field_clocks).merged_into ?? '';
    const survivor = ownClock < targetClock ? row : target;
    const clocks = parseClocks(survivor.field_clocks);
    const mergedAt = clocks.merged_into;
    if (mergedAt) {
      add('client', String(survivor.id), 'merged_into', 'null', clockJustAfter(mergedAt, 'revive'));
      // Undeleted only if the merge deleted it (a deletion of its own, later, stands).
      if (clocks.deleted_at === mergedAt)
        add('client', String(survivor.id), 'deleted_at', 'null', clockJustAfter(mergedAt, 'revive'));
    }
    return survivor === row ? null : { id, target: row.merged_into };
  };
  const moveChild = (table: string, row: StoredRow, merged: MergedClient) => {
    const clock = parseClocks(row.field_clocks).client_id;
    if (clock)
      add(
        table,
        String(row.id),
        'client_id',
        JSON.stringify(merged.target),
        clockJustAfter(clock, merged.target),
      );
  };

  const touchedClients = new Set(touched.get('client'));
  // A client touched in a merge cycle brings its partner along, whichever of the two comes back.
  for (const id of [...touchedClients]) {
    const row = clientRow.get(id) as StoredRow | undefined;
    if (typeof row?.merged_into === 'string') touchedClients.add(row.merged_into);
  }
  for (const id of touchedClients) {
    const merged = mergedTarget(id);
    if (!merged) continue;
    for (const table of CLIENT_CHILD_TABLES) {
      const children = db
        .prepare(`SELECT id, field_clocks FROM "${table}" WHERE client_id = ? AND deleted_at IS NULL`)
        .all(id) as StoredRow[];
      for (const child of children) moveChild(table, child, merged);
    }
    // Edits of the duplicate made after it was merged go to the client it was merged into.
    const loser = clientRow.get(id) as StoredRow;
    const clocks = parseClocks(loser.field_clocks);
    const mergedAt = clocks.merged_into ?? '';
    for (const field of CLIENT_FIELDS) {
      const clock = clocks[field];
      if (clock && clock > mergedAt)
        add('client', merged.target, field, JSON.stringify(loser[field] ?? null), clockJustAfter(clock, id));
    }
  }
  for (const table of CLIENT_CHILD_TABLES) {
    for (const id of touched.get(table) ?? []) {
      const row = db
        .prepare(`SELECT id, client_id, field_clocks FROM "${table}" WHERE id = ? AND deleted_at IS NULL`)
        .get(id) as StoredRow | undefined;
      if (typeof row?.client_id !== 'string') continue;
      const merged = mergedTarget(row.client_id);
      if (merged) moveChild(table, row, merged);
    }
  }
  return [...changes.values()];
}

/** FNV-1a, 32 bits: a short, stable digest (not a security measure). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
