import type { Handlers } from './context.ts';

/** Full-text search over clients, contacts, interactions and notes (search.*). */
export const searchHandlers = {} satisfies Partial<Handlers>;
