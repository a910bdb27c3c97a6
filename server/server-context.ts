import type { Kysely } from 'kysely';
import type { ServerDatabase } from './schema.ts';
import type { ServerStore } from './store.ts';

/** What every part of the server works with: its database and its time. */
export interface ServerContext {
  db: Kysely<ServerDatabase>;
  dialect: ServerStore['dialect'];
  /** Unix milliseconds; tests pass a fake clock. */
  now: () => number;
}

/** The context's time as an ISO string, as every timestamp column stores it. */
export function isoNow(ctx: ServerContext): string {
  return new Date(ctx.now()).toISOString();
}
