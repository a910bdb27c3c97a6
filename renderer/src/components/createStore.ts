import { useSyncExternalStore } from 'react';

/** A value any component can read and anything can set: the state of app-wide dialogs. */
export interface Store<T> {
  get(): T;
  set(next: T): void;
  /** The current value; re-renders when it changes. */
  use(): T;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    get: () => value,
    set(next) {
      value = next;
      listeners.forEach((listener) => listener());
    },
    use: () => useSyncExternalStore(subscribe, () => value),
  };
}
