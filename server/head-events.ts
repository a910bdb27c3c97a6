import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessClaims } from './auth.ts';
import type { SyncService } from './service.ts';

/** A comment line this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000;

/**
 * `GET /v1/sync/events`: "head moved" signals per team, so online devices pull within seconds (SYNC.md).
 * The signals come from every push the service hears of, this process's and (on PostgreSQL) every other
 * process's; each head is sent once, however many ways it was heard.
 */
export function registerHeadEvents(
  app: FastifyInstance,
  service: SyncService,
  caller: (request: FastifyRequest) => Promise<AccessClaims>,
): void {
  const streams = new Map<string, Set<(head: number) => void>>();
  const sent = new Map<string, number>();
  const tell = (teamId: string, head: number) => {
    if ((sent.get(teamId) ?? 0) >= head) return;
    sent.set(teamId, head);
    for (const send of streams.get(teamId) ?? []) send(head);
  };
  const open = new Set<{ end(): void }>();
  const stopWatching = service.watchHeads({
    moved: tell,
    // The listening connection was lost for a while: look at the heads of the teams someone watches.
    missed: () => {
      for (const teamId of streams.keys()) {
        service.head(teamId).then(
          (head) => tell(teamId, head),
          (error: unknown) => app.log.warn({ err: error }, 'could not read a team head'),
        );
      }
    },
    failed: (error) =>
      app.log.warn({ err: error }, 'the connection that hears other processes failed; retrying'),
  });
  // Open event streams would keep a graceful stop waiting forever: end them first.
  app.addHook('preClose', (done) => {
    for (const stream of open) stream.end();
    done();
  });
  app.addHook('onClose', async () => stopWatching());

  app.get('/v1/sync/events', async (request, reply) => {
    const claims = await caller(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (head: number) => raw.write(`data: ${JSON.stringify({ headSeq: head })}\n\n`);
    const team = streams.get(claims.teamId) ?? new Set();
    streams.set(claims.teamId, team);
    // Watching before reading the head: a push in between is then heard, not missed.
    team.add(send);
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    open.add(raw);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      team.delete(send);
      if (team.size === 0) streams.delete(claims.teamId);
      open.delete(raw);
    });
    try {
      send(await service.head(claims.teamId));
    } catch (error) {
      app.log.warn({ err: error }, 'could not read a team head');
      raw.end();
    }
  });
}
