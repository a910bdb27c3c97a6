import type { RapportBridge } from '../../../shared/api/bridge.ts';
import type { Transport } from '../../../shared/api/client.ts';
import type { Envelope } from '../../../shared/api/envelope.ts';
import type { BackendEvent } from '../../../shared/api/events.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview. */
    rapport?: RapportBridge;
  }
}

const TOKEN_KEY = 'rapport.previewToken';

/** The Electron bridge when running in the desktop app, else HTTP to the browser preview. */
export function detectTransport(): Transport {
  const bridge = window.rapport;
  if (bridge)
    return { invoke: (method, input) => bridge.invoke(method, input), subscribe: (l) => bridge.on(l) };
  return httpTransport(previewToken());
}

/**
 * The preview prints its address with `?token=…`. Keep the token for this tab and drop it from the
 * address bar, so it does not end up in screenshots, history or bookmarks.
 */
function previewToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(token: string): Transport {
  // One event stream for every listener: a browser allows only six connections per host, and each
  // EventSource holds one open for good.
  const listeners = new Set<(event: BackendEvent) => void>();
  let source: EventSource | null = null;
  const openEvents = () => {
    const events = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    events.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as BackendEvent;
      for (const listener of [...listeners]) listener(event);
    };
    return events;
  };
  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return unreachable();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      source ??= openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}

function unreachable(): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'unavailable',
      message: 'The Rapport preview server is not reachable. Is `rapport preview` still running?',
    },
  };
}
