import type { Envelope } from './envelope.ts';
import type { BackendEvent } from './events.ts';

/**
 * What the Electron preload exposes to the renderer as `window.rapport`: one call and one event
 * subscription, nothing else.
 */
export interface RapportBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every backend event; returns the unsubscribe function. */
  on(listener: (event: BackendEvent) => void): () => void;
}
