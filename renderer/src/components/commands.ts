import { useEffect } from 'react';
import { type Screen, navigate } from '../router/router.ts';

/** Commands any part of the app (a shortcut, the desktop menu, later the palette) can ask for. */
export type UiCommand = 'clients.new';

/** The screen that handles each command. */
const screenOf: Record<UiCommand, Screen> = { 'clients.new': 'clients' };

const listeners = new Map<UiCommand, Set<() => void>>();
const pending = new Set<UiCommand>();

/**
 * Runs a command: goes to the screen that handles it and hands it over. A command asked for before its
 * screen is mounted waits until the screen subscribes, so "New client" works from anywhere.
 */
export function runCommand(command: UiCommand): void {
  navigate(screenOf[command]);
  const handlers = listeners.get(command);
  if (handlers?.size) handlers.forEach((handler) => handler());
  else pending.add(command);
}

/** Lets a screen handle a command while it is mounted. */
export function useCommand(command: UiCommand, handler: () => void): void {
  useEffect(() => {
    const handlers = listeners.get(command) ?? new Set();
    listeners.set(command, handlers);
    handlers.add(handler);
    if (pending.delete(command)) handler();
    return () => {
      handlers.delete(handler);
    };
  }, [command, handler]);
}
