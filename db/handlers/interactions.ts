import type { Handlers } from './context.ts';

/** The history of dealings and what to do next: interactions.* and followups.*. */
export const interactionHandlers = {} satisfies Partial<Handlers>;
