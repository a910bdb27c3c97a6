import type { Envelope } from '../../shared/api/envelope.ts';
import { AppError, type ErrorInfo } from '../../shared/api/errors.ts';
import { type Backend, type BackendOptions, standInBackend } from '../../db/backend.ts';
import type { Logger } from '../../db/logger.ts';
import { storageProblemOf } from '../../shared/api/storage-problem.ts';
import { type BackendMessage, parseMainMessage } from './protocol.ts';

export interface BackendServiceOptions {
  /** Sends a message to main. */
  post: (message: BackendMessage) => void;
  openBackend: (options: BackendOptions) => Promise<Backend>;
  logger: Logger;
}

/** The backend side of the utility process: turns messages from main into calls of the real backend. */
export interface BackendService {
  /** Handles one raw message from main; never throws. */
  handle(raw: unknown): Promise<void>;
}

/** The database opened, or why it could not be. */
type Opening = Promise<{ backend: Backend } | { error: ErrorInfo }>;

/**
 * Calls may arrive before the database has opened (main does not wait for `ready`); they wait for it.
 * If it never opens, each call is answered with the reason, so the UI can say what to do.
 */
export function createBackendService(options: BackendServiceOptions): BackendService {
  let opening: Opening | undefined;
  const init = async (dataDir: string, secretKey?: string) => {
    if (opening !== undefined) {
      options.logger.warn('Ignoring a second init message', { dataDir });
      return;
    }
    opening = open(options, dataDir, secretKey);
    await opening;
  };
  const invoke = async (id: number, method: string, input: unknown) => {
    options.post({ type: 'result', id, envelope: await answer(opening, method, input) });
  };
  const close = async () => {
    const opened = await opening;
    if (opened !== undefined && 'backend' in opened) opened.backend.close();
    options.post({ type: 'closed' });
  };
  return {
    async handle(raw) {
      const message = parseMainMessage(raw);
      if (message === undefined) {
        options.logger.warn('Ignoring a malformed message from main', { received: describe(raw) });
        return;
      }
      switch (message.type) {
        case 'init':
          return init(message.dataDir, message.secretKey);
        case 'invoke':
          return invoke(message.id, message.method, message.input);
        case 'close':
          return close();
      }
    },
  };
}

async function open(options: BackendServiceOptions, dataDir: string, secretKey?: string): Opening {
  const backendOptions = {
    dataDir,
    logger: options.logger,
    ...(secretKey ? { secretKey: Buffer.from(secretKey, 'base64') } : {}),
  };
  try {
    const backend = await options.openBackend(backendOptions);
    backend.subscribe((event) => options.post({ type: 'event', event }));
    options.post({ type: 'ready' });
    return { backend };
  } catch (error) {
    const info = openingError(error, options.logger);
    options.post({ type: 'fatal', error: info });
    if (!(error instanceof AppError) || storageProblemOf(error) === undefined) return { error: info };
    // The disk, the file or the folder is at fault: the window says so, and may restore a backup.
    const standIn = standInBackend({ options: backendOptions, error, openBackend: options.openBackend });
    standIn.subscribe((event) => options.post({ type: 'event', event }));
    return { backend: standIn };
  }
}

async function answer(
  opening: Opening | undefined,
  method: string,
  input: unknown,
): Promise<Envelope<unknown>> {
  if (opening === undefined) {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'Rapport’s database is not open yet. Try again in a moment.' },
    };
  }
  const opened = await opening;
  return 'backend' in opened ? opened.backend.dispatch(method, input) : { ok: false, error: opened.error };
}

function openingError(error: unknown, logger: Logger): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  logger.error('Could not open the database', {
    stack: error instanceof Error ? error.stack : String(error),
  });
  return {
    code: 'unavailable',
    message: 'Rapport could not open its database. Restart the app; if it keeps happening, restore a backup.',
  };
}

/** A short, safe description of a bad message for the log (never its whole content). */
function describe(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return typeof raw;
  const type: unknown = Reflect.get(raw, 'type');
  return typeof type === 'string'
    ? `message of type ${JSON.stringify(type).slice(0, 40)}`
    : 'object without a type';
}
