import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { ServerDatabase } from './schema.ts';

/** The PostgreSQL channel on which a push, in whichever process, announces a team's new head. */
const CHANNEL = 'rapport_head';
/** How the listening connections show in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'rapport-head-listener';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;
/** A connection that died without saying so (a dropped network) is found by a query this often. */
const PROBE_MS = 15_000;

/**
 * Announces, inside a push's transaction, the team's new head to every process sharing the database:
 * PostgreSQL delivers the notification when (and only if) the push commits.
 */
export async function notifyHeadMoved(
  trx: Kysely<ServerDatabase>,
  teamId: string,
  head: number,
): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${`${teamId} ${String(head)}`})`.execute(trx);
}

export interface HeadListenerEvents {
  /** A push in some process moved a team's head. */
  onHead(teamId: string, head: number): void;
  /** Listening (at first, or again after the connection was lost): heads may have moved unheard before. */
  onResumed(): void;
  onError(error: unknown): void;
}

/**
 * LISTENs on a dedicated connection (a pooled one would be handed to queries) for the heads that pushes
 * announce, and connects again, backing off, whenever the connection is lost.
 */
export function listenForHeads(url: string, events: HeadListenerEvents): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | null = null;
  let probe: NodeJS.Timeout | null = null;

  /** Gives up a connection (once), and unless closing, tries again after a while. */
  const lost = (which: pg.Client, error: unknown) => {
    if (client !== which) return;
    client = null;
    if (probe) clearInterval(probe);
    probe = null;
    which.removeAllListeners('notification');
    which.end().catch(() => undefined);
    if (closed) return;
    events.onError(error);
    retry = setTimeout(connect, retryMs);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  };

  const connect = () => {
    retry = null;
    if (closed) return;
    const next = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
    });
    client = next;
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('the listening connection ended')));
    next.on('notification', (message) => {
      const [teamId, head] = (message.payload ?? '').split(' ');
      if (teamId && head) events.onHead(teamId, Number(head));
    });
    next
      .connect()
      .then(() => next.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (client !== next) return;
        retryMs = FIRST_RETRY_MS;
        probe = setInterval(() => {
          next.query('SELECT 1').catch((error: unknown) => lost(next, error));
        }, PROBE_MS);
        probe.unref();
        // Whatever moved before this connection listened went unheard.
        events.onResumed();
      })
      .catch((error: unknown) => lost(next, error));
  };

  connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (probe) clearInterval(probe);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}
