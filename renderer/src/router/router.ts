import { useSyncExternalStore } from 'react';

/** The screens of the app; the address is `#/<screen>`, so reloads and the back button work. */
export const screens = ['clients', 'settings'] as const;
export type Screen = (typeof screens)[number];

const DEFAULT_SCREEN: Screen = 'clients';

function currentScreen(): Screen {
  const name = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (screens as readonly string[]).includes(name) ? (name as Screen) : DEFAULT_SCREEN;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The screen the address points at. */
export function useScreen(): Screen {
  return useSyncExternalStore(subscribe, currentScreen);
}

/** The address of a screen, for links. */
export function hrefOf(screen: Screen): string {
  return `#/${screen}`;
}

/** Goes to a screen (a no-op if it is already showing). */
export function navigate(screen: Screen): void {
  if (currentScreen() !== screen) window.location.hash = hrefOf(screen);
}
