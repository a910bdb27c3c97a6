import { useSyncExternalStore } from 'react';

/** The screens of the app. The address is `#/<screen>[/<id>[/<tab>]][?query]`, so reloads and Back work. */
export const screens = [
  'today',
  'clients',
  'client',
  'contacts',
  'followups',
  'deals',
  'insights',
  'settings',
  'import',
] as const;
export type Screen = (typeof screens)[number];

const DEFAULT_SCREEN: Screen = 'today';

/** Where the app is: the screen, an optional record id and tab, and the screen's query (filters). */
export interface Route {
  screen: Screen;
  id: string | null;
  tab: string | null;
  query: URLSearchParams;
}

/** Parses an address hash such as `#/client/0190…/timeline?x=1`. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [name = '', id = null, tab = null] = path.split('/').map(decodeURIComponent);
  const screen = (screens as readonly string[]).includes(name) ? (name as Screen) : DEFAULT_SCREEN;
  return { screen, id: id || null, tab: tab || null, query: new URLSearchParams(search) };
}

/** The address of a route, for links. */
export function hrefOf(
  screen: Screen,
  id?: string | null,
  tab?: string | null,
  query?: URLSearchParams,
): string {
  const path = [screen, id, id ? tab : null].filter((part): part is string => Boolean(part));
  const search = query?.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

let cachedHash: string | null = null;
let cachedRoute: Route = parseRoute('');

function currentRoute(): Route {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseRoute(cachedHash);
  }
  return cachedRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The route the address points at. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

/** Goes to an address (a no-op if it is showing); `replace` keeps Back from stepping through filter edits. */
export function navigateTo(href: string, { replace = false } = {}): void {
  if (window.location.hash === href) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

/** Goes to a screen (a no-op if it is already showing). */
export function navigate(screen: Screen): void {
  if (currentRoute().screen !== screen || currentRoute().id !== null) navigateTo(hrefOf(screen));
}

/** Opens a client's page, on a tab. */
export function openClient(id: string, tab?: string): void {
  navigateTo(hrefOf('client', id, tab ?? null));
}
