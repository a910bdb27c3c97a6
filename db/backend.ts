import { join } from 'node:path';
import type { Envelope } from '../shared/api/envelope.ts';
import type { BackendEvent } from '../shared/api/events.ts';
import { HybridClock } from '../shared/hlc.ts';
import { uuidv7 } from '../shared/ids.ts';
import { createDispatcher } from './dispatch.ts';
import { handlers } from './handlers/index.ts';
import { type Logger, stderrLogger } from './logger.ts';
import { openDatabase } from './open-database.ts';
import { type Db, createDb } from './sql.ts';

/** The file name of the database inside the data folder. */
export const DATABASE_FILE = 'rapport.db';

export interface BackendOptions {
  dataDir: string;
  now?: () => Date;
  logger?: Logger;
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

/** Opens the database in `dataDir` (creating or migrating it) and serves the API over it. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? stderrLogger;
  const opened = await openDatabase({
    file: join(options.dataDir, DATABASE_FILE),
    backupDir: join(options.dataDir, 'backups'),
    now,
  });
  const db = createDb(opened.sqlite);
  const listeners = new Set<(event: BackendEvent) => void>();
  const dispatch = createDispatcher({
    handlers,
    logger,
    context: {
      db,
      now,
      clock: deviceClock(db, () => now().getTime()),
      dataDir: options.dataDir,
      schemaVersion: opened.schemaVersion,
    },
    publish: (event) => listeners.forEach((listener) => listener(event)),
  });
  return {
    dataDir: options.dataDir,
    dispatch: (method, input) => Promise.resolve(dispatch(method, input)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => opened.sqlite.close(),
  };
}

/** This device's clock: its node id is made once and kept; it resumes after the newest stamp stored. */
function deviceClock(db: Db, wallClock: () => number): HybridClock {
  let device = db.first(db.q.selectFrom('local_meta').select('value').where('key', '=', 'device_id'))?.value;
  if (!device) {
    device = uuidv7();
    db.run(db.q.insertInto('local_meta').values({ key: 'device_id', value: device }));
  }
  const newest = db.first(db.q.selectFrom('client').select((eb) => eb.fn.max('hlc').as('hlc')))?.hlc;
  return new HybridClock(device.replaceAll('-', '').slice(-16), wallClock, newest ?? undefined);
}
