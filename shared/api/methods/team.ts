import type { MethodSpec } from '../method-spec.ts';

/** Team members (users.*) and tags (tags.*, clients.tag, clients.untag). */
export const teamMethods = {} as const satisfies Record<string, MethodSpec>;
