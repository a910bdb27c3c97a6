import { isMethod } from '../../shared/api/contract.ts';
import { type Envelope, fail } from '../../shared/api/envelope.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import type { Logger } from '../../db/logger.ts';
import { IPC_CHANNELS } from '../ipc-channels.ts';
import type { FrameSeam, IpcMainSeam, WebContentsSeam } from './seam.ts';

export interface IpcRelayOptions {
  ipcMain: IpcMainSeam;
  /** Whether this frame is the app's own page (see security.ts). */
  isTrustedSender: (frame: FrameSeam | null) => boolean;
  /** Runs the call in the backend. */
  invoke: (method: string, input: unknown) => Promise<Envelope<unknown>>;
  logger: Logger;
}

/**
 * Relays the one invoke channel to the backend. Refusals are answered with an envelope rather than
 * thrown, because Electron turns a thrown error into an opaque message in the renderer.
 * Returns the function that removes the relay.
 */
export function registerIpcRelay(options: IpcRelayOptions): () => void {
  options.ipcMain.handle(IPC_CHANNELS.invoke, (event, method, input) => {
    if (!options.isTrustedSender(event.senderFrame)) {
      options.logger.warn('Refused an API call from a frame that is not the app', {
        frame: frameUrl(event.senderFrame),
      });
      return Promise.resolve(forbidden());
    }
    if (typeof method !== 'string' || !isMethod(method)) return Promise.resolve(unknownMethod(method));
    return options.invoke(method, input);
  });
  return () => options.ipcMain.removeHandler(IPC_CHANNELS.invoke);
}

/** Sends a backend event to the window's page, if it still has one. */
export function forwardEvent(contents: WebContentsSeam | undefined, event: BackendEvent): void {
  if (contents === undefined || contents.isDestroyed()) return;
  contents.send(IPC_CHANNELS.event, event);
}

function forbidden(): Envelope<never> {
  return fail({ code: 'forbidden', message: 'Only Rapport’s own window may use its data.' });
}

function unknownMethod(method: unknown): Envelope<never> {
  const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
  return fail({
    code: 'not_found',
    message: `Rapport has no API method “${name}”.`,
    details: { method: name },
  });
}

function frameUrl(frame: FrameSeam | null): string {
  try {
    return frame?.url ?? 'none';
  } catch {
    return 'disposed';
  }
}
