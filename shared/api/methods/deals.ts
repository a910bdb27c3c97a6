import type { MethodSpec } from '../method-spec.ts';

/** Deals, payments, competitor offers, service requests, campaigns and their members. */
export const dealMethods = {} as const satisfies Record<string, MethodSpec>;
