import { hostname } from 'node:os';
import type { NetworkMethod } from '../../shared/api/contract.ts';
import { type Envelope, fail, ok } from '../../shared/api/envelope.ts';
import { AppError } from '../../shared/api/errors.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import type { SyncDeviceList, SyncStatus } from '../../shared/domain/sync.ts';
import type { HybridClock } from '../../shared/hlc.ts';
import { RevokeDeviceInput, SyncConnectInput } from '../../shared/domain/sync.ts';
import { parseMethodInput } from '../parse-method-input.ts';
import type { Logger } from '../logger.ts';
import type { SecretBox } from '../secret-box.ts';
import type { Timers } from '../reminders/scheduler.ts';
import { entityOfSyncedTable } from '../records/entities.ts';
import { isSyncedTable } from '../records/synced-tables.ts';
import type { Db } from '../sql.ts';
import { replayQuarantine } from './apply.ts';
import { pendingCount } from './outbox.ts';
import { SYNC_KEYS, readMeta, readSyncStatus, writeMeta } from './state.ts';
import {
  SyncError,
  login,
  refreshTokens,
  revokeTeamDevice,
  serverInfo,
  syncOnce,
  teamDevices,
} from './sync-client.ts';

/** A round every this often while connected, even with nothing to send (to receive others' changes). */
const SYNC_INTERVAL_MS = 30_000;
/** After a local change, sync this soon (changes typed in a burst go together). */
const SYNC_DEBOUNCE_MS = 500;
/** After the server says its head moved: pull this soon. */
const LIVE_DELAY_MS = 100;
/** Waits after failures: doubling up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 5_000;

export interface SyncEngineOptions {
  db: Db;
  clock: HybridClock;
  deviceId: string;
  now: () => Date;
  logger: Logger;
  timers: Timers;
  publish(event: BackendEvent): void;
  fetch?: typeof fetch;
  /** How long one request may take (default REQUEST_TIMEOUT_MS); tests shorten it. */
  timeoutMs?: number;
  /** Seals the refresh token at rest (db/secret-box.ts). */
  secrets: SecretBox;
}

/**
 * The device's sync engine (SYNC.md): runs in the backend beside the API, pushes the outbox and pulls
 * the team's changes in the background, with backoff while offline, and answers the network methods
 * (sync.connect, sync.disconnect, sync.now). Local work never waits for it.
 */
export class SyncEngine {
  readonly #options: SyncEngineOptions;
  #access: { token: string; expiresAt: number } | null = null;
  #timer: unknown = null;
  #running: Promise<SyncStatus> | null = null;
  #failures = 0;
  #stopped = false;
  /** The open "head moved" stream, while connected and online. */
  #live: AbortController | null = null;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
  }

  /** Starts the background rounds if this laptop is connected, after replaying what waited in quarantine. */
  start(): void {
    const replayed = replayQuarantine({
      db: this.#options.db,
      clock: this.#options.clock,
      deviceId: this.#options.deviceId,
      now: this.#options.now(),
    });
    if (replayed > 0) this.#options.logger.info('replayed quarantined changes', { count: replayed });
    if (readMeta(this.#options.db, SYNC_KEYS.serverUrl) !== null) this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#live?.abort();
    this.#live = null;
  }

  /** Local data changed: sync soon, if connected and something waits to be sent. */
  poke(): void {
    // Called after every local write: a laptop that does not sync pays one key lookup, nothing more.
    if (this.#failures > 0 || readMeta(this.#options.db, SYNC_KEYS.serverUrl) === null) return;
    if (pendingCount(this.#options.db, Number(readMeta(this.#options.db, SYNC_KEYS.acked) ?? 0)) > 0) {
      this.#schedule(SYNC_DEBOUNCE_MS);
    }
  }

  /** Serves a network method; always resolves with an envelope, like the dispatcher. */
  async handle(method: NetworkMethod, rawInput: unknown): Promise<Envelope<unknown>> {
    const parsed = parseMethodInput(method, rawInput);
    if (!parsed.ok) return fail(parsed.error.toInfo());
    try {
      if (method === 'sync.connect') return ok(await this.connect(SyncConnectInput.parse(parsed.input)));
      if (method === 'sync.disconnect') return ok(this.disconnect());
      if (method === 'sync.devices') return ok(await this.devices());
      if (method === 'sync.revokeDevice')
        return ok(await this.revokeDevice(RevokeDeviceInput.parse(parsed.input).deviceId));
      return ok(await this.syncNow());
    } catch (error) {
      if (error instanceof AppError) return fail(error.toInfo());
      this.#options.logger.error('sync method failed', { method, error: String(error) });
      return fail({
        code: 'internal',
        message: 'Sync failed unexpectedly; your data on this laptop is safe.',
      });
    }
  }

  async connect(input: { serverUrl: string; email: string; password: string }): Promise<SyncStatus> {
    const { db } = this.#options;
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    let tokens;
    try {
      tokens = await login(
        serverUrl,
        {
          email: input.email,
          password: input.password,
          deviceId: this.#options.deviceId,
          deviceName: hostname(),
        },
        this.#options.fetch,
      );
    } catch (error) {
      throw toAppError(error);
    }
    db.sqlite.transaction(() => {
      if (
        readMeta(db, SYNC_KEYS.serverUrl) !== serverUrl ||
        readMeta(db, SYNC_KEYS.teamId) !== tokens.teamId
      ) {
        // Another server or team: everything is sent and received again (the server skips what it has).
        writeMeta(db, SYNC_KEYS.cursor, null);
        writeMeta(db, SYNC_KEYS.acked, null);
      }
      writeMeta(db, SYNC_KEYS.serverUrl, serverUrl);
      writeMeta(db, SYNC_KEYS.email, input.email);
      writeMeta(db, SYNC_KEYS.refreshToken, this.#options.secrets.seal(tokens.refreshToken));
      writeMeta(db, SYNC_KEYS.teamId, tokens.teamId);
      writeMeta(db, SYNC_KEYS.userId, tokens.userId);
      writeMeta(db, SYNC_KEYS.lastError, null);
    })();
    this.#access = { token: tokens.accessToken, expiresAt: Date.parse(tokens.accessExpiresAt) };
    this.#stopped = false;
    this.#failures = 0;
    return this.syncNow();
  }

  /** The team's laptops, this one marked. */
  devices(): Promise<SyncDeviceList> {
    return this.#deviceCall((context) => teamDevices(context));
  }

  /** Revokes a laptop of the team (the server checks who may); the laptops as they are after. */
  revokeDevice(deviceId: string): Promise<SyncDeviceList> {
    return this.#deviceCall((context) => revokeTeamDevice(context, deviceId));
  }

  async #deviceCall(
    call: (context: { serverUrl: string; accessToken: string; fetch?: typeof fetch }) => Promise<{
      items: Omit<SyncDeviceList['items'][number], 'current'>[];
    }>,
  ): Promise<SyncDeviceList> {
    const serverUrl = readMeta(this.#options.db, SYNC_KEYS.serverUrl);
    if (serverUrl === null)
      throw new AppError('unavailable', 'This laptop is not connected to a sync server.');
    try {
      const list = await this.#withToken(serverUrl, (accessToken) =>
        call({ serverUrl, accessToken, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) }),
      );
      return {
        items: list.items.map((device) => ({ ...device, current: device.id === this.#options.deviceId })),
      };
    } catch (error) {
      throw toAppError(error);
    }
  }

  disconnect(): SyncStatus {
    const { db } = this.#options;
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#access = null;
    this.#live?.abort();
    this.#live = null;
    db.sqlite.transaction(() => {
      for (const key of Object.values(SYNC_KEYS)) writeMeta(db, key, null);
    })();
    return this.#announce();
  }

  /** One round now (joining one already running); resolves with the status after it. */
  syncNow(): Promise<SyncStatus> {
    this.#running ??= this.#round().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #round(): Promise<SyncStatus> {
    const { db } = this.#options;
    const serverUrl = readMeta(db, SYNC_KEYS.serverUrl);
    if (serverUrl === null)
      throw new AppError('unavailable', 'This laptop is not connected to a sync server.');
    writeMeta(db, SYNC_KEYS.state, 'syncing');
    this.#announce();
    try {
      const touched = await this.#withToken(serverUrl, async (accessToken) => {
        const context = {
          db,
          clock: this.#options.clock,
          deviceId: this.#options.deviceId,
          serverUrl,
          accessToken,
          now: this.#options.now,
          onProgress: () => void this.#announce(),
          ...(this.#options.timeoutMs ? { timeoutMs: this.#options.timeoutMs } : {}),
          ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
        };
        const info = await serverInfo(context);
        // Learn how far this laptop's clock is off, so its changes order correctly (SYNC.md).
        const offset = Date.parse(info.serverTime) - this.#options.now().getTime();
        this.#options.clock.offsetMs = Math.abs(offset) > 2_000 ? offset : 0;
        writeMeta(db, SYNC_KEYS.clockOffset, String(this.#options.clock.offsetMs));
        return syncOnce(context);
      });
      if (touched.snapshot)
        this.#options.logger.info('first sync from a snapshot', {
          rows: touched.snapshot.rows,
          pages: touched.snapshot.pages,
          applyMs: Math.round(touched.snapshot.applyMs),
        });
      db.sqlite.transaction(() => {
        writeMeta(db, SYNC_KEYS.state, 'synced');
        writeMeta(db, SYNC_KEYS.lastSuccessAt, this.#options.now().toISOString());
        writeMeta(db, SYNC_KEYS.lastError, null);
      })();
      this.#failures = 0;
      for (const table of touched.tables) {
        if (isSyncedTable(table)) {
          this.#options.publish({
            event: 'data.changed',
            payload: { entity: entityOfSyncedTable(table), ids: [] },
          });
        }
      }
      if (touched.conflicts > 0)
        this.#options.publish({ event: 'data.changed', payload: { entity: 'syncConflict', ids: [] } });
      this.#schedule(SYNC_INTERVAL_MS);
      if (this.#live === null) void this.#listen(serverUrl);
    } catch (error) {
      const failure = toAppError(error);
      const offline = error instanceof SyncError && (error.code === 'offline' || (error.status ?? 0) >= 500);
      db.sqlite.transaction(() => {
        writeMeta(db, SYNC_KEYS.state, offline ? 'offline' : 'error');
        writeMeta(db, SYNC_KEYS.lastError, failure.message);
      })();
      this.#failures++;
      this.#options.logger.warn('sync round failed', { error: failure.message });
      this.#schedule(Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (this.#failures - 1)));
    }
    return this.#announce();
  }

  /**
   * Listens to the server's "head moved" stream while connected, and pulls soon after each signal, so
   * online laptops see each other's changes within seconds. Ends when disconnected, stopped or cut off;
   * the next successful round opens it again.
   */
  async #listen(serverUrl: string): Promise<void> {
    const controller = new AbortController();
    this.#live = controller;
    try {
      const token = this.#access?.token ?? '';
      const response = await (this.#options.fetch ?? fetch)(new URL('/v1/sync/events', serverUrl), {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        for (const event of events) {
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (!data) continue;
          const { headSeq } = JSON.parse(data) as { headSeq: number };
          if (headSeq > Number(readMeta(this.#options.db, SYNC_KEYS.cursor) ?? 0))
            this.#schedule(LIVE_DELAY_MS);
        }
      }
    } catch {
      // Offline, stopped or cut off: the regular rounds carry on, and reopen the stream.
    } finally {
      if (this.#live === controller) this.#live = null;
    }
  }

  /** Runs `work` with a valid access token, refreshing it first if needed and once more if refused. */
  async #withToken<T>(serverUrl: string, work: (token: string) => Promise<T>): Promise<T> {
    if (!this.#access || this.#access.expiresAt - 30_000 < this.#options.now().getTime())
      await this.#refresh(serverUrl);
    try {
      return await work(this.#access?.token ?? '');
    } catch (error) {
      if (!(error instanceof SyncError) || error.status !== 401) throw error;
      await this.#refresh(serverUrl);
      return work(this.#access?.token ?? '');
    }
  }

  async #refresh(serverUrl: string): Promise<void> {
    const { db } = this.#options;
    const stored = readMeta(db, SYNC_KEYS.refreshToken);
    let refreshToken: string | null;
    try {
      refreshToken = stored === null ? null : this.#options.secrets.open(stored);
    } catch {
      // Sealed with a key this laptop no longer has (another OS account, a new keyring).
      refreshToken = null;
    }
    if (refreshToken === null)
      throw new AppError('unauthorized', 'Sign in to the sync server again (Settings → Sync).');
    const tokens = await refreshTokens(
      serverUrl,
      { deviceId: this.#options.deviceId, refreshToken },
      this.#options.fetch,
    );
    writeMeta(db, SYNC_KEYS.refreshToken, this.#options.secrets.seal(tokens.refreshToken));
    this.#access = { token: tokens.accessToken, expiresAt: Date.parse(tokens.accessExpiresAt) };
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = null;
      void this.syncNow().catch(() => undefined);
    }, ms);
  }

  #announce(): SyncStatus {
    const status = readSyncStatus(this.#options.db);
    this.#options.publish({ event: 'sync.status', payload: status });
    return status;
  }
}

/** A sync failure as the API reports it, in words a person understands. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SyncError) {
    if (error.code === 'wrong_password')
      return new AppError('unauthorized', 'The email or the password is wrong.');
    if (error.code === 'revoked') {
      return new AppError(
        'forbidden',
        'This laptop was disconnected from the team by an admin. Ask them, then connect again.',
      );
    }
    if (error.code === 'offline') return new AppError('unavailable', error.message);
    if (error.status === 401)
      return new AppError('unauthorized', 'Sign in to the sync server again (Settings → Sync).');
    if (error.status === 403) return new AppError('forbidden', error.message);
    if (error.status === 404) return new AppError('not_found', error.message);
    return new AppError('unavailable', error.message);
  }
  return new AppError('internal', `Sync failed: ${String(error)}`);
}
