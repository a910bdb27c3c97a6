import type { Envelope } from '../../shared/api/envelope.ts';
import type { ErrorInfo } from '../../shared/api/errors.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import type { Logger } from '../../db/logger.ts';
import { type BackendMessage, type MainMessage, parseBackendMessage } from '../backend/protocol.ts';
import type { UtilityProcessSeam } from './seam.ts';

export interface BackendHostOptions {
  /** Starts a fresh backend process. */
  fork: () => UtilityProcessSeam;
  dataDir: string;
  /** The key the backend seals secrets with (secret-key.ts); null without OS encryption. */
  secretKey?: Buffer | null;
  logger: Logger;
  onEvent: (event: BackendEvent) => void;
  /** The database cannot be opened, or the backend keeps crashing: the app cannot work. */
  onFatal: (error: ErrorInfo) => void;
  /** Waits before each restart after a crash, in order; after the last one the host gives up. */
  restartDelaysMs?: readonly number[];
  /** A process that stayed up this long after `ready` was healthy: its crash starts the delays anew. */
  healthyAfterMs?: number;
  /** How long `stop` waits for the database to close before killing the process. */
  stopTimeoutMs?: number;
  now?: () => number;
}

/** The backend utility process as main sees it: one call in, one envelope out. */
export interface BackendHost {
  /** Runs one API call in the backend; always resolves with an envelope. */
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Closes the database and ends the process; no restart follows. */
  stop(): Promise<void>;
}

const DEFAULT_RESTART_DELAYS_MS = [250, 1000, 4000, 15_000] as const;
const DEFAULT_HEALTHY_AFTER_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 3000;

/**
 * Hosts the backend in a utility process, so SQLite never blocks the window. Calls are matched to
 * answers by id. When the process dies, every call in flight is answered `unavailable` (it may or may
 * not have been saved) and the process is restarted after a growing delay.
 */
export function startBackendHost(options: BackendHostOptions): BackendHost {
  const host = new UtilityBackendHost(options);
  host.spawn();
  return host;
}

/** A running process and the calls waiting for its answers. */
interface Child {
  process: UtilityProcessSeam;
  pending: Map<number, (envelope: Envelope<unknown>) => void>;
  readyAt: number | undefined;
  exited: boolean;
  onClosed: (() => void) | undefined;
}

class UtilityBackendHost implements BackendHost {
  readonly #options: BackendHostOptions;
  #child: Child | undefined;
  #nextId = 1;
  /** Crashes since the last healthy run; indexes the restart delays. */
  #crashes = 0;
  #stopping = false;

  constructor(options: BackendHostOptions) {
    this.#options = options;
  }

  spawn(): void {
    const child: Child = {
      process: this.#options.fork(),
      pending: new Map(),
      readyAt: undefined,
      exited: false,
      onClosed: undefined,
    };
    this.#child = child;
    child.process.on('message', (raw) => this.#receive(child, raw));
    child.process.on('exit', (code) => this.#exited(child, code));
    post(child, {
      type: 'init',
      dataDir: this.#options.dataDir,
      ...(this.#options.secretKey ? { secretKey: this.#options.secretKey.toString('base64') } : {}),
    });
  }

  invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    const child = this.#child;
    if (child === undefined || this.#stopping) return Promise.resolve(down());
    const id = this.#nextId++;
    return new Promise((resolve) => {
      child.pending.set(id, resolve);
      post(child, { type: 'invoke', id, method, input });
    });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (child === undefined || child.exited) return;
    await closeGracefully(child, this.#options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS);
    // The process may have exited while the database was closing.
    if (isRunning(child)) child.process.kill();
  }

  #receive(child: Child, raw: unknown): void {
    const message = parseBackendMessage(raw);
    if (message === undefined) {
      this.#options.logger.warn('Ignoring a malformed message from the backend');
      return;
    }
    this.#handle(child, message);
  }

  #handle(child: Child, message: BackendMessage): void {
    switch (message.type) {
      case 'ready':
        child.readyAt = this.#now();
        return;
      case 'result':
        child.pending.get(message.id)?.(message.envelope);
        child.pending.delete(message.id);
        return;
      case 'event':
        this.#options.onEvent(message.event);
        return;
      case 'fatal':
        // Restarting cannot fix a database that will not open; every call already gets the reason.
        this.#options.logger.error('The backend cannot open the database', { error: message.error });
        this.#options.onFatal(message.error);
        return;
      case 'closed':
        child.onClosed?.();
        return;
    }
  }

  #exited(child: Child, code: number): void {
    child.exited = true;
    child.onClosed?.();
    for (const answer of child.pending.values()) answer(lostCall());
    child.pending.clear();
    if (this.#child === child) this.#child = undefined;
    if (!this.#stopping) this.#restartAfterCrash(child, code);
  }

  #restartAfterCrash(child: Child, code: number): void {
    const healthyAfter = this.#options.healthyAfterMs ?? DEFAULT_HEALTHY_AFTER_MS;
    if (child.readyAt !== undefined && this.#now() - child.readyAt >= healthyAfter) this.#crashes = 0;
    const delay = (this.#options.restartDelaysMs ?? DEFAULT_RESTART_DELAYS_MS)[this.#crashes];
    this.#crashes += 1;
    this.#options.logger.error('The backend process exited', { code, restartInMs: delay });
    if (delay === undefined) {
      this.#options.onFatal(crashLoop());
      return;
    }
    setTimeout(() => {
      if (!this.#stopping) this.spawn();
    }, delay);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function isRunning(child: Child): boolean {
  return !child.exited;
}

function post(child: Child, message: MainMessage): void {
  child.process.postMessage(message);
}

/** Asks the backend to close the database, waiting at most `timeoutMs` for it. */
function closeGracefully(child: Child, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    child.onClosed = () => {
      clearTimeout(timer);
      resolve();
    };
    post(child, { type: 'close' });
  });
}

function lostCall(): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'unavailable',
      message:
        'Rapport’s data service stopped while handling this. Check whether the change was saved, then try again.',
    },
  };
}

function down(): Envelope<never> {
  return {
    ok: false,
    error: { code: 'unavailable', message: 'Rapport’s data service is restarting. Try again in a moment.' },
  };
}

function crashLoop(): ErrorInfo {
  return {
    code: 'unavailable',
    message:
      'Rapport’s data service keeps stopping. Restart the app; if it keeps happening, restore a backup.',
  };
}
