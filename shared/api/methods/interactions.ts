import type { MethodSpec } from '../method-spec.ts';

/** The history of dealings and what to do next: interactions.* and followups.*. */
export const interactionMethods = {} as const satisfies Record<string, MethodSpec>;
