import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  LoginRequest,
  PULL_MAX,
  PUSH_MAX_BYTES,
  PushRequest,
  RefreshRequest,
  SNAPSHOT_ROWS,
} from '../shared/sync/protocol.ts';
import { registerCompression } from './compression.ts';
import { ServiceError } from './service-error.ts';
import type { SyncService } from './service.ts';

export interface ServerOptions {
  service: SyncService;
  /** Structured logs (JSON lines) to stdout; tests turn them off. */
  logger?: boolean;
  /** Serve HTTPS with this certificate and key (else HTTP, for a TLS-terminating reverse proxy). */
  https?: { cert: Buffer; key: Buffer } | null;
}

/** Failed logins allowed per email and address within a window, before the server asks to wait. */
const LOGIN_ATTEMPTS = 5;
const LOGIN_WINDOW_MS = 60_000;

/** The sync server's HTTP API (SYNC.md "Protocol"). Stateless per request: any number can share one database. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { service } = options;
  const app = (
    options.https
      ? Fastify({ logger: options.logger ?? false, bodyLimit: PUSH_MAX_BYTES, https: options.https })
      : Fastify({ logger: options.logger ?? false, bodyLimit: PUSH_MAX_BYTES })
  ) as FastifyInstance;
  const failures = new Map<string, number[]>();
  registerCompression(app);

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof ServiceError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    }
    if ('code' in error && typeof error.code === 'string' && error.code.startsWith('Z_')) {
      return reply
        .status(400)
        .send({ error: { code: 'bad_gzip', message: 'Bad request: the gzip body is damaged.' } });
    }
    if (error.statusCode === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'too_large', message: 'The request is larger than 1 MB.' } });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    app.log.error(error);
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'The server failed; nothing was stored.' } });
  });

  const parse = <T extends z.ZodType>(schema: T, body: unknown): z.output<T> => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError(
        400,
        'validation',
        `Bad request: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    return parsed.data;
  };
  const caller = (request: FastifyRequest) => service.authenticate(request.headers.authorization);

  app.get('/v1/health', () => Promise.resolve({ ok: true, time: new Date().toISOString() }));

  app.post('/v1/auth/login', async (request: FastifyRequest, reply: FastifyReply) => {
    const input = parse(LoginRequest, request.body);
    const key = `${request.ip}|${input.email}`;
    const now = Date.now();
    const recent = (failures.get(key) ?? []).filter((at) => now - at < LOGIN_WINDOW_MS);
    if (recent.length >= LOGIN_ATTEMPTS) {
      return reply
        .status(429)
        .header('retry-after', String(Math.ceil(LOGIN_WINDOW_MS / 1000)))
        .send({
          error: {
            code: 'too_many_attempts',
            message: 'Too many failed sign-ins. Wait a minute and try again.',
          },
        });
    }
    try {
      const tokens = await service.login(input);
      failures.delete(key);
      return tokens;
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'wrong_password')
        failures.set(key, [...recent, now]);
      throw error;
    }
  });

  app.post('/v1/auth/refresh', async (request) => service.refresh(parse(RefreshRequest, request.body)));

  app.get('/v1/sync/info', async (request) => service.info(await caller(request)));

  app.get('/v1/devices', async (request) => service.teamDevices(await caller(request)));
  app.post('/v1/devices/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    return service.revokeTeamDevice(await caller(request), id);
  });

  app.post('/v1/sync/push', async (request) => {
    const claims = await caller(request);
    const input = parse(PushRequest, request.body);
    return service.push(claims, input.mutations);
  });

  // "Head moved" signals, per team, so online devices pull within seconds (SYNC.md).
  const watchers = new Map<string, Set<(head: number) => void>>();
  const streams = new Set<{ end(): void }>();
  // Open event streams would keep a graceful stop waiting forever: end them first.
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });
  service.onHeadMoved((teamId, head) => {
    for (const notify of watchers.get(teamId) ?? []) notify(head);
  });
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
    send((await service.info(claims)).headSeq);
    const team = watchers.get(claims.teamId) ?? new Set();
    watchers.set(claims.teamId, team);
    team.add(send);
    // A comment line now and then keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
    streams.add(raw);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      team.delete(send);
      streams.delete(raw);
    });
  });

  app.get('/v1/sync/snapshot', async (request) => {
    const claims = await caller(request);
    const query = request.query as { afterTable?: string; afterRow?: string; limit?: string };
    const limit = Math.min(SNAPSHOT_ROWS, Number(query.limit ?? SNAPSHOT_ROWS));
    if (!Number.isInteger(limit) || limit < 1)
      throw new ServiceError(400, 'validation', 'Bad request: limit must be a whole number.');
    const after =
      query.afterTable && query.afterRow ? { table: query.afterTable, rowId: query.afterRow } : null;
    return service.snapshot(claims, after, limit);
  });

  app.get('/v1/sync/pull', async (request) => {
    const claims = await caller(request);
    const query = request.query as { cursor?: string; limit?: string };
    const cursor = Number(query.cursor ?? 0);
    const limit = Math.min(PULL_MAX, Number(query.limit ?? PULL_MAX));
    if (!Number.isInteger(cursor) || cursor < 0 || !Number.isInteger(limit) || limit < 1) {
      throw new ServiceError(400, 'validation', 'Bad request: cursor and limit must be whole numbers.');
    }
    return service.pull(claims, cursor, limit);
  });

  return app;
}
