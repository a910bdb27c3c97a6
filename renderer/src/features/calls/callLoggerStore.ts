import { useSyncExternalStore } from 'react';

/** What the call logger opens with: the client and contact when known. */
export interface CallContext {
  clientId?: string | null;
  contactId?: string | null;
}

let state: { open: boolean; context: CallContext; opened: number } = { open: false, context: {}, opened: 0 };
const listeners = new Set<() => void>();

function set(next: typeof state): void {
  state = next;
  listeners.forEach((listener) => listener());
}

/** Opens the call logger from anywhere (a shortcut, a button on a client or contact, the palette). */
export function openCallLogger(context: CallContext): void {
  set({ open: true, context, opened: state.opened + 1 });
}

export function closeCallLogger(): void {
  set({ ...state, open: false });
}

/** The logger's state; `opened` changes on every opening, so the form starts fresh each time. */
export function useCallLogger(): typeof state {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
