import { join } from 'node:path';
import { type Envelope, fail, ok } from '../shared/api/envelope.ts';
import { AppError } from '../shared/api/errors.ts';
import { storageProblemOf } from '../shared/api/storage-problem.ts';
import type { BackendEvent } from '../shared/api/events.ts';
import { HybridClock } from '../shared/hlc.ts';
import { uuidv7 } from '../shared/ids.ts';
import { dailyBackupFolder, startDailyBackups } from './backup-rotation.ts';
import { isJobMethod, isMethod, isNetworkMethod } from '../shared/api/contract.ts';
import { type DispatcherOptions, createDispatcher } from './dispatch.ts';
import { TransferService } from './transfer/service.ts';
import { LifetimeValueRefits } from './analytics/lifetime-value-refits.ts';
import { SyncEngine } from './sync/engine.ts';
import { createSecretBox } from './secret-box.ts';
import { handlers } from './handlers/index.ts';
import { type Timers, startReminderScheduler } from './reminders/scheduler.ts';
import { type Logger, stderrLogger } from './logger.ts';
import type { Migration } from './migrations/migration.ts';
import { openDatabase } from './open-database.ts';
import { restoreDatabase } from './restore.ts';
import { DATABASE_FILE } from './paths.ts';
import { type Db, createDb } from './sql.ts';

export interface BackendOptions {
  dataDir: string;
  now?: () => Date;
  logger?: Logger;
  /** Timers of the reminder scheduler; tests pass fake ones. */
  timers?: Timers;
  /** Rotating daily backups in the background (default true); benchmarks turn them off. */
  dailyBackups?: boolean;
  /** Background sync rounds when connected (default true); tests drive rounds with sync.now. */
  sync?: boolean;
  /** The HTTP client of sync; tests pass one that fails on purpose. */
  fetch?: typeof fetch;
  /** How long one sync request may take before the server counts as unreachable (default 60 s). */
  syncTimeoutMs?: number;
  /** A 32-byte key kept by the OS (Electron safeStorage) to seal secrets at rest; none: stored as is. */
  secretKey?: Buffer | null;
  /** The schema's migrations (default: this build's); a test adds a scratch one for a new field. */
  migrations?: readonly Migration[];
  /** Refit the lifetime-value models in a worker thread after payments change (default true). */
  lifetimeValueRefits?: boolean;
  /** The fit worker's script; the Electron build passes its bundled copy (default: the source file). */
  lifetimeValueWorker?: URL;
  /** How long after a payment change the refit starts (default 5 s). */
  lifetimeValueRefitDelayMs?: number;
}

/** The local backend every transport talks to. */
export interface Backend {
  readonly dataDir: string;
  /** Runs one API call; always resolves with an envelope. */
  dispatch(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Listens to every backend event; returns the unsubscribe function. */
  subscribe(listener: (event: BackendEvent) => void): () => void;
  close(): void;
}

/** The backend over an open database. */
export interface LocalBackend extends Backend {
  /** Imports and exports by file path, for the CLI (the UI reaches the same code through `dispatch`). */
  readonly transfer: TransferService;
  /** The background refits of the lifetime-value models (tests wait for them). */
  readonly lifetimeValue: LifetimeValueRefits;
}

/** Opens the database in `dataDir` (creating or migrating it) and serves the API over it. */
export async function openBackend(options: BackendOptions): Promise<LocalBackend> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? stderrLogger;
  const opened = await openDatabase({
    file: join(options.dataDir, DATABASE_FILE),
    backupDir: join(options.dataDir, 'backups'),
    now,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  const db = createDb(opened.sqlite);
  const deviceId = loadDeviceId(db);
  const listeners = new Set<(event: BackendEvent) => void>();
  // One clock for local changes and received ones, so a change made after a sync is newer than it.
  const clock = deviceClock(db, deviceId, () => now().getTime());
  const dispatchOptions: DispatcherOptions = {
    handlers,
    logger,
    context: {
      db,
      now,
      clock,
      actor: { deviceId, userId: null },
      dataDir: options.dataDir,
      schemaVersion: opened.schemaVersion,
    },
    publish: (event) => listeners.forEach((listener) => listener(event)),
  };
  const dispatch = createDispatcher(dispatchOptions);
  // --- Rotating daily backups (db/backup-rotation.ts): in the background, never blocking the open.
  const stopDailyBackups =
    options.dailyBackups === false
      ? () => undefined
      : startDailyBackups({ sqlite: opened.sqlite, folder: dailyBackupFolder(options.dataDir), now, logger });
  // --- end of daily backups.
  const publish = (event: BackendEvent) => listeners.forEach((listener) => listener(event));
  const reminders = startReminderScheduler({
    db,
    now,
    logger,
    timers: options.timers ?? {
      setTimeout: unrefTimeout,
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    onDue: (count, missed) => publish({ event: 'reminders.due', payload: { count, missed } }),
    onOverdue: (count) => publish({ event: 'followups.overdue', payload: { count } }),
  });
  // Whatever changes follow-ups or snoozes may change the next reminder: plan again after it.
  listeners.add(({ event, payload }) => {
    if (event === 'data.changed' && (payload.entity === 'followup' || payload.entity === 'reminder'))
      reminders.poke();
  });
  // --- Team sync (db/sync): network methods go to the engine, everything else to the dispatcher.
  const sync = new SyncEngine({
    db,
    clock,
    deviceId,
    now,
    logger,
    timers: options.timers ?? {
      setTimeout: unrefTimeout,
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    publish,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.syncTimeoutMs ? { timeoutMs: options.syncTimeoutMs } : {}),
    secrets: createSecretBox(options.secretKey),
  });
  listeners.add(({ event }) => {
    if (event === 'data.changed') sync.poke();
  });
  // --- Import and export (db/transfer/service.ts): long jobs in short transactions, beside the calls.
  const transfer = new TransferService({ dispatch: dispatchOptions, dataDir: options.dataDir, publish });
  // An import a crash or a closed app cut short is taken back before anything syncs.
  await transfer.takeBackInterrupted();
  // --- Lifetime-value models (db/analytics/lifetime-value-refits.ts): fitted in a worker thread.
  const lifetimeValue = new LifetimeValueRefits({
    sqlite: opened.sqlite,
    db,
    file: join(options.dataDir, DATABASE_FILE),
    now,
    logger,
    publish,
    ...(options.lifetimeValueWorker ? { workerUrl: options.lifetimeValueWorker } : {}),
    ...(options.lifetimeValueRefitDelayMs === undefined
      ? {}
      : { delayMs: options.lifetimeValueRefitDelayMs }),
  });
  if (options.lifetimeValueRefits !== false) {
    listeners.add(({ event, payload }) => {
      if (event === 'data.changed' && payload.entity !== 'analyticsSettings') lifetimeValue.poke();
    });
    lifetimeValue.start();
  }
  // --- end of lifetime-value models.
  // Replays quarantined changes this version understands, then syncs in the background if connected.
  if (options.sync !== false) sync.start();
  return {
    dataDir: options.dataDir,
    transfer,
    lifetimeValue,
    dispatch: (method, input) =>
      isMethod(method) && isNetworkMethod(method)
        ? sync.handle(method, input)
        : isMethod(method) && isJobMethod(method)
          ? transfer.handle(method, input)
          : Promise.resolve(dispatch(method, input)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      lifetimeValue.stop();
      transfer.stop();
      sync.stop();
      reminders.stop();
      stopDailyBackups();
      opened.sqlite.close();
    },
  };
}

/** This device's id: made once, kept in the database. */
function loadDeviceId(db: Db): string {
  const stored = db.first(db.q.selectFrom('local_meta').select('value').where('key', '=', 'device_id'));
  if (stored) return stored.value;
  const device = uuidv7();
  db.run(db.q.insertInto('local_meta').values({ key: 'device_id', value: device }));
  return device;
}

/** This device's clock; it resumes after the newest stamp it ever wrote or received. */
function deviceClock(db: Db, deviceId: string, wallClock: () => number): HybridClock {
  const newest = db.first(db.q.selectFrom('change_log').select((eb) => eb.fn.max('hlc').as('hlc')))?.hlc;
  return new HybridClock(deviceId.replaceAll('-', '').slice(-16), wallClock, newest ?? undefined);
}

/** A timer that does not keep a CLI or test process alive on its own. */
function unrefTimeout(callback: () => void, ms: number): unknown {
  const handle = setTimeout(callback, ms);
  handle.unref();
  return handle;
}

export interface StandInOptions {
  options: BackendOptions;
  /** Why the database could not be opened. */
  error: AppError;
  /** Opens the real backend (db/backend.ts openBackend). */
  openBackend: (options: BackendOptions) => Promise<Backend>;
}

/**
 * Serves a data folder whose database Rapport refused to open: every call is answered with the reason
 * (so the UI can say what to do), except `app.restoreNewestBackup` where the reason is an empty file
 * with a backup to go back to. That restores the backup (db/restore.ts keeps the empty file and checks
 * the backup first), opens the real backend, and from then on every call goes to it.
 */
export function standInBackend({ options, error, openBackend }: StandInOptions): Backend {
  const listeners = new Set<(event: BackendEvent) => void>();
  let real: Backend | undefined;
  let reason = error;
  const restoreNewest = async (): Promise<Envelope<unknown>> => {
    const details = storageProblemOf(reason);
    if (details?.storage !== 'empty_database' || details.newestBackup === undefined) {
      return fail(reason.toInfo());
    }
    try {
      const result = await restoreDatabase({
        dataDir: options.dataDir,
        file: details.newestBackup,
        ...(options.now ? { now: options.now } : {}),
      });
      real = await openBackend(options);
      real.subscribe((event) => listeners.forEach((listener) => listener(event)));
      return ok({ restored: result.restored.file, kept: result.replaced?.file ?? null });
    } catch (failure) {
      if (!(failure instanceof AppError)) throw failure;
      reason = failure;
      return fail(failure.toInfo());
    }
  };
  return {
    dataDir: options.dataDir,
    dispatch(method, input) {
      if (real !== undefined) return real.dispatch(method, input);
      if (method === 'app.restoreNewestBackup') return restoreNewest();
      return Promise.resolve(fail(reason.toInfo()));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => real?.close(),
  };
}
