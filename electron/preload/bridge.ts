import type { RapportBridge } from '../../shared/api/bridge.ts';
import type { Envelope } from '../../shared/api/envelope.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import { IPC_CHANNELS } from '../ipc-channels.ts';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * `window.rapport`: one call and one event subscription over the two fixed channels. The page never
 * sees `ipcRenderer` or Electron's IPC event object, only the envelope or the backend event.
 */
export function createBridge(ipc: IpcRendererLike): RapportBridge {
  return {
    async invoke(method, input) {
      // Main answers every call with an envelope (see electron/main/ipc-relay.ts).
      return (await ipc.invoke(IPC_CHANNELS.invoke, method, input)) as Envelope<unknown>;
    },
    on(listener) {
      // Main sends only backend events on this channel, already checked against their schemas.
      const relay = (_event: unknown, payload: unknown) => listener(payload as BackendEvent);
      ipc.on(IPC_CHANNELS.event, relay);
      return () => void ipc.removeListener(IPC_CHANNELS.event, relay);
    },
  };
}
