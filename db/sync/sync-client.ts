import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { HybridClock } from '../../shared/hlc.ts';
import {
  DeviceList,
  type Mutation,
  PullResponse,
  PushResponse,
  type Restamp,
  SnapshotResponse,
  SyncInfo,
  Tokens,
} from '../../shared/sync/protocol.ts';
import { parseClocks, updateRow } from '../records/record-writer.ts';
import { deferIndexes, restoreDeferredIndexes } from '../deferred-indexes.ts';
import { isSyncedTable, syncedTables } from '../records/synced-tables.ts';
import type { Db } from '../sql.ts';
import { recordRefusals } from './set-aside.ts';
import { applySnapshotRows, rebuildDerived } from './apply.ts';
import { applyWithRedirects, redirectAllMerged } from './redirect.ts';
import { SYNC_KEYS, readMeta, writeMeta } from './state.ts';
import { pendingMutations } from './outbox.ts';

/** How long one request may take, by default, before the server counts as unreachable. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Request bodies longer than this are sent gzip-compressed. */
const GZIP_REQUEST_BYTES = 16 * 1024;
const gzipAsync = promisify(gzip);

/** A new device whose team has more changes than this starts from a snapshot of the current rows. */
const SNAPSHOT_THRESHOLD = 2000;

/** A refused or failed exchange with the server, with a message a person understands. */
export class SyncError extends Error {
  override name = 'SyncError';
  readonly status: number | null;
  readonly code: string;
  constructor(status: number | null, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface SyncContext {
  db: Db;
  clock: HybridClock;
  deviceId: string;
  serverUrl: string;
  accessToken: string;
  now: () => Date;
  fetch?: typeof fetch;
  /** Called after each page of a first sync is written, so the UI can show how far it got. */
  onProgress?: () => void;
  /** How long one request may take before the server counts as unreachable (default 60 s). */
  timeoutMs?: number;
}

export interface SyncRoundResult {
  pushed: number;
  pulled: number;
  conflicts: number;
  /** Tables that received changes, so the UIs showing them refresh. */
  tables: Set<string>;
  /** A first sync from a snapshot: rows, pages, and the time spent writing them here (not downloading). */
  snapshot: { rows: number; pages: number; applyMs: number } | null;
}

/**
 * One round of sync (SYNC.md): push every pending mutation, then pull pages until the head, applying each
 * page and storing its cursor in one local transaction, then push what the pull redirected. An error
 * leaves the database as it was after the last complete page.
 */
export async function syncOnce(context: SyncContext): Promise<SyncRoundResult> {
  const result: SyncRoundResult = { pushed: 0, pulled: 0, conflicts: 0, tables: new Set(), snapshot: null };
  await push(context, result);
  await snapshotIfNew(context, result);
  for (;;) {
    const cursor = readNumber(context.db, SYNC_KEYS.cursor);
    const page = PullResponse.parse(await call(context, 'GET', `/v1/sync/pull?cursor=${String(cursor)}`));
    context.db.sqlite.transaction(() => {
      const applied = applyWithRedirects(page.changes, {
        db: context.db,
        clock: context.clock,
        deviceId: context.deviceId,
        now: context.now(),
      });
      result.conflicts += applied.conflicts;
      writeNumber(context.db, SYNC_KEYS.cursor, page.cursor);
    })();
    result.pulled += page.changes.length;
    for (const change of page.changes)
      if (change.deviceId !== context.deviceId) result.tables.add(change.table);
    if (!page.hasMore) break;
  }
  // What the pull redirected to merged clients goes up in the same round.
  await push(context, result);
  return result;
}

/** Pushes every pending mutation (the server skips what it already has, so a lost reply is harmless). */
async function push(context: SyncContext, result: SyncRoundResult): Promise<void> {
  for (;;) {
    const acked = readNumber(context.db, SYNC_KEYS.acked);
    const mutations = pendingMutations(context.db, acked);
    if (mutations.length === 0) return;
    const response = PushResponse.parse(await call(context, 'POST', '/v1/sync/push', { mutations }));
    context.db.sqlite.transaction(() => {
      applyRestamps(context, mutations, response.restamps);
      recordRefusals(context.db, mutations, response.rejected, context.deviceId, context.now().toISOString());
      recordServerSeqs(context.db, acked, mutations, response.stored);
      writeNumber(context.db, SYNC_KEYS.acked, response.ackedCounter);
    })();
    result.pushed += mutations.reduce((n, m) => n + m.ops.length, 0);
    if (response.ackedCounter <= acked)
      throw new SyncError(null, 'stuck', 'The server did not take the changes.');
  }
}

/**
 * Notes where the server put each stored mutation: a mutation is the outbox rows after the previous
 * one's counter up to its own, and a pull never splits it, so its last sequence stands for all of it.
 */
function recordServerSeqs(
  db: Db,
  ackedBefore: number,
  mutations: readonly Mutation[],
  stored: readonly { counter: number; seq: number }[],
): void {
  const seqOf = new Map(stored.map((entry) => [entry.counter, entry.seq]));
  let after = ackedBefore;
  for (const mutation of mutations) {
    const seq = seqOf.get(mutation.counter);
    if (seq !== undefined)
      db.prepare(
        `UPDATE change_log SET server_seq = ?
         WHERE seq > ? AND seq <= ? AND origin IN ('local', 'undo', 'sync')`,
      ).run(seq, after, mutation.counter);
    after = mutation.counter;
  }
}

/**
 * The server gave some of our changes a new clock (their clock was too far in its future, SYNC.md):
 * take the same clock for those fields here, so this laptop orders later edits exactly as the others do.
 */
function applyRestamps(
  context: SyncContext,
  mutations: readonly Mutation[],
  restamps: readonly Restamp[],
): void {
  const { db } = context;
  for (const restamp of restamps) {
    const op = mutations.find((m) => m.counter === restamp.counter)?.ops[restamp.index];
    if (!op) continue;
    const [table, rowId, field, , original] = op;
    context.clock.receive(restamp.hlc);
    if (!isSyncedTable(table)) continue;
    const row = db.prepare(`SELECT field_clocks FROM "${table}" WHERE id = ?`).get(rowId) as
      { field_clocks: string } | undefined;
    if (!row) continue;
    const clocks = parseClocks(row.field_clocks);
    // Only if no later local edit has replaced that write meanwhile.
    if (clocks[field] !== original) continue;
    clocks[field] = restamp.hlc;
    const newest = Object.values(clocks).reduce((a, b) => (a > b ? a : b), '');
    updateRow(db, table, rowId, { field_clocks: JSON.stringify(clocks), hlc: newest });
  }
}

/** How far a snapshot got: the head it started at, and the last row applied. */
interface Progress {
  head: number;
  after: { table: string; rowId: string } | null;
}

/**
 * The first sync of a device that has never pulled, from a team with a long history: the current rows
 * page by page (each page applied with its position in one transaction, so an interrupted snapshot
 * resumes), then the cursor set to the head the snapshot started at. Pulling from there re-applies
 * whatever changed meanwhile, harmlessly.
 */
async function snapshotIfNew(context: SyncContext, result: SyncRoundResult): Promise<void> {
  const { db } = context;
  const stored = readMeta(db, SYNC_KEYS.snapshot);
  let progress: Progress;
  if (stored !== null) progress = JSON.parse(stored) as Progress;
  else {
    if (readNumber(db, SYNC_KEYS.cursor) !== 0) return;
    const info = await serverInfo(context);
    if (info.headSeq <= SNAPSHOT_THRESHOLD) return;
    progress = { head: info.headSeq, after: null };
  }
  // Indexes are built once, sorted, after the load instead of row by row; whatever happens, the
  // database keeps them (the last page restores them, an error does here, and opening it again would).
  deferIndexes(db.sqlite, Object.keys(syncedTables));
  try {
    await loadSnapshot(context, result, progress);
  } finally {
    restoreDeferredIndexes(db.sqlite);
  }
}

async function loadSnapshot(context: SyncContext, result: SyncRoundResult, start: Progress): Promise<void> {
  const { db } = context;
  let progress = start;
  const fetchPage = (after: Progress['after']) => {
    const query = after
      ? `?afterTable=${encodeURIComponent(after.table)}&afterRow=${encodeURIComponent(after.rowId)}`
      : '';
    const page = call(context, 'GET', `/v1/sync/snapshot${query}`);
    // Awaited in the next turn; until then a failure must not count as unhandled.
    page.catch(() => undefined);
    return page;
  };
  let pending = fetchPage(progress.after);
  const stats = (result.snapshot = { rows: 0, pages: 0, applyMs: 0 });
  for (;;) {
    const page = SnapshotResponse.parse(await pending);
    const applying = performance.now();
    // The next page downloads while this one is written.
    if (page.after !== null) pending = fetchPage(page.after);
    const next: Progress = { head: progress.head, after: page.after };
    db.sqlite.transaction(() => {
      const options = {
        db,
        clock: context.clock,
        deviceId: context.deviceId,
        now: context.now(),
        bulk: true,
      };
      const applied = applySnapshotRows(page.tables, options);
      result.conflicts += applied.conflicts;
      if (page.after === null) {
        // What the team left pointing at merged duplicates moves on; then rollups and search once for
        // everything, instead of row by row.
        restoreDeferredIndexes(db.sqlite);
        result.conflicts += redirectAllMerged(options).conflicts;
        rebuildDerived(db);
        writeMeta(db, SYNC_KEYS.snapshot, null);
        writeMeta(db, SYNC_KEYS.received, null);
        writeNumber(db, SYNC_KEYS.cursor, next.head);
      } else {
        writeMeta(db, SYNC_KEYS.snapshot, JSON.stringify(next));
        const rows = Object.values(page.tables).reduce((n, list) => n + list.length, 0);
        writeNumber(db, SYNC_KEYS.received, readNumber(db, SYNC_KEYS.received) + rows);
      }
    })();
    context.onProgress?.();
    stats.applyMs += performance.now() - applying;
    stats.pages++;
    for (const [table, rows] of Object.entries(page.tables)) {
      result.pulled += rows.length;
      stats.rows += rows.length;
      result.tables.add(table);
    }
    if (page.after === null) return;
    progress = next;
  }
}

/** Signs in: returns the tokens; the caller stores them (safeStorage in the desktop app). */
export async function login(
  serverUrl: string,
  input: { email: string; password: string; deviceId: string; deviceName: string },
  fetchImpl: typeof fetch = fetch,
): Promise<Tokens> {
  return Tokens.parse(await request(fetchImpl, serverUrl, 'POST', '/v1/auth/login', undefined, input));
}

/** A new access token (and refresh token) for a signed-in device. */
export async function refreshTokens(
  serverUrl: string,
  input: { deviceId: string; refreshToken: string },
  fetchImpl: typeof fetch = fetch,
): Promise<Tokens> {
  return Tokens.parse(await request(fetchImpl, serverUrl, 'POST', '/v1/auth/refresh', undefined, input));
}

/** The team's devices. */
export async function teamDevices(context: Pick<SyncContext, 'serverUrl' | 'accessToken' | 'fetch'>) {
  return DeviceList.parse(
    await request(context.fetch ?? fetch, context.serverUrl, 'GET', '/v1/devices', context.accessToken),
  );
}

/** Revokes a laptop of the team; the laptops as they are after. */
export async function revokeTeamDevice(
  context: Pick<SyncContext, 'serverUrl' | 'accessToken' | 'fetch'>,
  deviceId: string,
) {
  return DeviceList.parse(
    await request(
      context.fetch ?? fetch,
      context.serverUrl,
      'POST',
      `/v1/devices/${encodeURIComponent(deviceId)}/revoke`,
      context.accessToken,
      {},
    ),
  );
}

export async function serverInfo(context: SyncContext): Promise<SyncInfo> {
  return SyncInfo.parse(await call(context, 'GET', '/v1/sync/info'));
}

function call(context: SyncContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return request(
    context.fetch ?? fetch,
    context.serverUrl,
    method,
    path,
    context.accessToken,
    body,
    context.timeoutMs,
  );
}

async function request(
  fetchImpl: typeof fetch,
  serverUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  body?: unknown,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<unknown> {
  let response: Response;
  let text: string;
  const json = body === undefined ? undefined : JSON.stringify(body);
  // A big push (a week offline) travels compressed; replies come compressed when big (server/compression).
  const compress = json !== undefined && json.length > GZIP_REQUEST_BYTES;
  try {
    response = await fetchImpl(new URL(path, serverUrl), {
      method,
      headers: {
        'accept-encoding': 'gzip',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(compress ? { 'content-encoding': 'gzip' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(json === undefined ? {} : { body: compress ? await gzipAsync(json) : json }),
      // A server that stops answering (or a line that stalls mid-reply) must not hold sync forever.
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new SyncError(
      null,
      'offline',
      timedOut
        ? `The sync server did not answer within ${String(Math.max(1, Math.round(timeoutMs / 1000)))} s. Your work is safe here and will sync later.`
        : `The sync server cannot be reached (${String(error)}). Your work is safe here and will sync later.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new SyncError(
      response.status,
      error?.code ?? 'http',
      error?.message ?? `The server answered ${String(response.status)}.`,
    );
  }
  return parsed;
}

function readNumber(db: Db, key: string): number {
  return Number(readMeta(db, key) ?? 0);
}

function writeNumber(db: Db, key: string, value: number): void {
  writeMeta(db, key, String(value));
}
