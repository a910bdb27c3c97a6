import type { MethodSpec } from '../method-spec.ts';

/** Full-text search over clients, contacts, interactions and notes (search.*). */
export const searchMethods = {} as const satisfies Record<string, MethodSpec>;
