import type BetterSqlite3 from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { BackendEvent } from '../../shared/api/events.ts';
import type { Logger } from '../logger.ts';
import type { ReadDb } from '../sql.ts';
import { paymentModelsAreStale, storePaymentModels } from './clv-model-store.ts';
import type { FitWorkerInput, FitWorkerMessage } from './clv/fit-worker.ts';

/** How long after the last payment change a refit starts: a burst of edits is one refit. */
export const REFIT_DELAY_MS = 5000;

/**
 * The fit worker's young generation. Left to V8, it grows as the fit allocates, and the process keeps
 * those pages after the worker ends: on the 100k-client base the backend stayed 117 MiB larger after a
 * refit, against 66 MiB with 8 MiB here (and 2, 4 or 8 MiB fit in the same 1.9–2.6 s).
 */
const FIT_YOUNG_GENERATION_MB = 8;

export interface LifetimeValueRefitsOptions {
  sqlite: BetterSqlite3.Database;
  db: ReadDb;
  /** The database file the worker opens read-only. */
  file: string;
  now: () => Date;
  logger: Logger;
  publish: (event: BackendEvent) => void;
  /** The worker script: the source file by default; the Electron build passes its bundled copy. */
  workerUrl?: URL;
  delayMs?: number;
}

let liveWorkers = 0;

/** Fit workers started and not yet exited in this process (tests check that closing leaves none). */
export function liveFitWorkers(): number {
  return liveWorkers;
}

/**
 * Keeps the stored lifetime-value models (table clv_model) up to date off the write path: a fit runs in
 * a worker thread at start when the stored one is missing or older than the payments, and again
 * {@link REFIT_DELAY_MS} after payments change; one fit at a time, a failed fit logged and forgotten.
 */
export class LifetimeValueRefits {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = false;
  private idle: (() => void)[] = [];

  private readonly options: LifetimeValueRefitsOptions;

  constructor(options: LifetimeValueRefitsOptions) {
    this.options = options;
  }

  /** Fits now if the stored models are missing or stale. */
  start(): void {
    this.refitIfStale();
  }

  /** Something changed: refit after the delay if payments did. */
  poke(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refitIfStale();
    }, this.options.delayMs ?? REFIT_DELAY_MS);
    this.timer.unref();
  }

  /** Whether a fit is running or planned. */
  get busy(): boolean {
    return this.worker !== undefined || this.timer !== undefined;
  }

  /** Resolves once no fit is running or planned. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops planning fits and ends a running one; its result is never stored. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.worker?.terminate();
    this.settle();
  }

  private refitIfStale(): void {
    if (this.stopped) return;
    if (this.worker !== undefined) {
      this.again = true;
      return;
    }
    try {
      if (paymentModelsAreStale(this.options.db)) this.fit();
    } catch (error) {
      this.options.logger.error('Could not check whether the lifetime-value models are up to date.', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    this.settle();
  }

  private fit(): void {
    const now = this.options.now();
    const input: FitWorkerInput = {
      file: this.options.file,
      today: now.toISOString().slice(0, 10),
      now: now.toISOString(),
    };
    const worker = new Worker(this.options.workerUrl ?? new URL('./clv/fit-worker.ts', import.meta.url), {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: FIT_YOUNG_GENERATION_MB },
    });
    liveWorkers++;
    this.worker = worker;
    worker.unref();
    const started = Date.now();
    worker.on('message', (message: FitWorkerMessage) => {
      if (this.stopped) return;
      if (!message.ok) {
        this.options.logger.error('The lifetime-value fit failed.', {
          error: message.message,
          stack: message.stack,
        });
        return;
      }
      this.store(message, started);
    });
    worker.on('error', (error: Error) => {
      this.options.logger.error('The lifetime-value fit stopped with an error.', { error: error.message });
    });
    worker.on('exit', () => {
      liveWorkers--;
      this.worker = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.refitIfStale();
      }
      this.settle();
    });
  }

  /** Stores a fit; the time logged runs from the worker's start to the stored models. */
  private store(message: Extract<FitWorkerMessage, { ok: true }>, started: number): void {
    try {
      storePaymentModels(this.options.sqlite, message.fit);
      this.options.logger.info('Fitted the lifetime-value models.', {
        ms: Date.now() - started,
        models: message.fit.models.map((model) => model.currency),
        unfitted: message.fit.unfitted.map((unfitted) => unfitted.currency),
      });
      this.options.publish({ event: 'data.changed', payload: { entity: 'analyticsSettings', ids: [] } });
    } catch (error) {
      this.options.logger.error('Could not store the lifetime-value models.', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private settle(): void {
    if (this.busy && !this.stopped) return;
    const waiting = this.idle;
    this.idle = [];
    waiting.forEach((resolve) => resolve());
  }
}
