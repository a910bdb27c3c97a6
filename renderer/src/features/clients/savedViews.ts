import { useSyncExternalStore } from 'react';

/** A named set of client filters, kept on this laptop. */
export interface SavedView {
  name: string;
  query: string;
}

const KEY = 'rapport.clientViews';
const listeners = new Set<() => void>();
let cache: { raw: string | null; views: SavedView[] } = { raw: null, views: [] };

function read(): SavedView[] {
  const raw = localStorage.getItem(KEY);
  if (raw === cache.raw) return cache.views;
  let views: SavedView[] = [];
  try {
    const parsed: unknown = raw === null ? [] : JSON.parse(raw);
    if (Array.isArray(parsed)) {
      views = parsed.filter(
        (v): v is SavedView =>
          typeof v === 'object' &&
          v !== null &&
          typeof (v as SavedView).name === 'string' &&
          typeof (v as SavedView).query === 'string',
      );
    }
  } catch {
    // A damaged setting shows no views rather than breaking the screen.
  }
  cache = { raw, views };
  return views;
}

function write(views: SavedView[]): void {
  localStorage.setItem(KEY, JSON.stringify(views));
  listeners.forEach((listener) => listener());
}

/** The saved client views: list, save (replacing one of the same name) and remove. */
export function useSavedViews() {
  const list = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
  return {
    list,
    save: (name: string, query: string) => write([...read().filter((v) => v.name !== name), { name, query }]),
    remove: (name: string) => write(read().filter((v) => v.name !== name)),
  };
}
