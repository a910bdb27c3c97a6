import type { Method, MethodInput, MethodOutput } from './contract.ts';
import type { Envelope } from './envelope.ts';
import { AppError } from './errors.ts';
import type { BackendEvent, EventName, EventPayload } from './events.ts';

/** How calls reach the backend: Electron IPC, HTTP in the browser preview, or in-process in tests. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every backend event; returns the unsubscribe function. */
  subscribe(listener: (event: BackendEvent) => void): () => void;
}

/** The typed API client the UI and tests use, whatever the transport. */
export interface ApiClient {
  /** Calls `method`; resolves with its result or rejects with an {@link AppError}. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Listens to one backend event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wraps a transport into the typed client; failed envelopes are re-thrown as AppError. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const envelope = await transport.invoke(method, input);
      if (!envelope.ok) throw AppError.fromInfo(envelope.error);
      // The backend validated the value against the contract's output schema before sending it.
      return envelope.value as MethodOutput<typeof method>;
    },
    on(event, listener) {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as EventPayload<typeof event>);
      });
    },
  };
}
