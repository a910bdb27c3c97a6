import type { Handlers } from './context.ts';

/** Contacts: the people at a client (contacts.*). */
export const contactHandlers = {} satisfies Partial<Handlers>;
