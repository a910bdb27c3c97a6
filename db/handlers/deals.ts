import type { Handlers } from './context.ts';

/** Deals, payments, competitor offers, service requests, campaigns and their members. */
export const dealHandlers = {} satisfies Partial<Handlers>;
