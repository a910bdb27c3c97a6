import { appHandlers } from './app.ts';
import { clientHandlers } from './clients.ts';
import type { Handlers } from './context.ts';
import { historyHandlers } from './history.ts';

/** The implementation of every API method. */
export const handlers: Handlers = { ...appHandlers, ...clientHandlers, ...historyHandlers };
