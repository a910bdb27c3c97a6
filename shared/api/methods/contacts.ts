import type { MethodSpec } from '../method-spec.ts';

/** Contacts: the people at a client (contacts.*). */
export const contactMethods = {} as const satisfies Record<string, MethodSpec>;
