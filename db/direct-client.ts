import { type ApiClient, createApiClient } from '../shared/api/client.ts';
import type { Envelope } from '../shared/api/envelope.ts';
import type { Backend } from './backend.ts';

/**
 * The in-process API client for tests and the CLI. Input and output go through JSON, as on every other
 * transport, so a value that would not survive IPC or HTTP fails here too.
 */
export function createDirectClient(backend: Backend): ApiClient {
  return createApiClient({
    invoke: async (method, input) =>
      JSON.parse(JSON.stringify(await backend.dispatch(method, roundTrip(input)))) as Envelope<unknown>,
    subscribe: (listener) => backend.subscribe((event) => listener(roundTrip(event))),
  });
}

function roundTrip<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
