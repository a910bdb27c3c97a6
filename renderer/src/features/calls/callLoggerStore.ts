import { createStore } from '../../components/createStore.ts';

/** What the call logger opens with: the client and contact when known. */
export interface CallContext {
  clientId?: string | null;
  contactId?: string | null;
}

const store = createStore<{ open: boolean; context: CallContext; opened: number }>({
  open: false,
  context: {},
  opened: 0,
});

/** Opens the call logger from anywhere (a shortcut, a button on a client or contact, the palette). */
export function openCallLogger(context: CallContext): void {
  store.set({ open: true, context, opened: store.get().opened + 1 });
}

export function closeCallLogger(): void {
  store.set({ ...store.get(), open: false });
}

/** The logger's state; `opened` changes on every opening, so the form starts fresh each time. */
export const useCallLogger = () => store.use();
