import type { Handlers } from './context.ts';

/** Team members (users.*) and tags (tags.*, clients.tag, clients.untag). */
export const teamHandlers = {} satisfies Partial<Handlers>;
