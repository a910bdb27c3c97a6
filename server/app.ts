import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
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
import { envelopedFrameworkErrors, registerErrorEnvelopes } from './error-envelope.ts';
import { registerHeadEvents } from './head-events.ts';
import { refuseNul, snapshotAfterParams, wholeNumberParam } from './request-checks.ts';
import { ServiceError } from './service-error.ts';
import type { SyncService } from './service.ts';

export interface ServerOptions {
  service: SyncService;
  /** Structured logs (JSON lines) to stdout; tests turn them off. */
  logger?: boolean;
  /** Serve HTTPS with this certificate and key (else HTTP, for a TLS-terminating reverse proxy). */
  https?: { cert: Buffer; key: Buffer } | null;
  /**
   * The reverse proxies or load balancers in front (addresses or CIDRs, comma-separated): the address a
   * sign-in is limited by is then the one they forward (X-Forwarded-For), not theirs.
   */
  trustProxy?: string | null;
}

/** The sync server's HTTP API (SYNC.md "Protocol"). Stateless per request: any number can share one database. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { service } = options;
  const common = {
    logger: options.logger ?? false,
    bodyLimit: PUSH_MAX_BYTES,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...envelopedFrameworkErrors,
  };
  const app = (
    options.https ? Fastify({ ...common, https: options.https }) : Fastify(common)
  ) as FastifyInstance;
  registerCompression(app);
  registerErrorEnvelopes(app);
  // No text the server keeps may hold NUL: refused in the address here, in bodies where they are read.
  app.addHook('preHandler', (request, _reply, done) => {
    try {
      refuseNul(request.query, 'query');
      refuseNul(request.params, 'path');
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  /** The body, checked against its schema; no string in it may hold NUL unless `nul` says it is checked later. */
  const parse = <T extends z.ZodType>(
    schema: T,
    body: unknown,
    nul: 'refuse' | 'checked later' = 'refuse',
  ) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError(
        400,
        'validation',
        `Bad request: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    if (nul === 'refuse') refuseNul(parsed.data, 'body');
    return parsed.data;
  };
  const caller = (request: FastifyRequest) => service.authenticate(request.headers.authorization);

  app.get('/v1/health', () => Promise.resolve({ ok: true, time: new Date().toISOString() }));

  app.post('/v1/auth/login', async (request) =>
    service.login({ ...parse(LoginRequest, request.body), address: request.ip }),
  );

  app.post('/v1/auth/refresh', async (request) => service.refresh(parse(RefreshRequest, request.body)));

  app.get('/v1/sync/info', async (request) => service.info(await caller(request)));

  app.get('/v1/devices', async (request) => service.teamDevices(await caller(request)));
  app.post('/v1/devices/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    return service.revokeTeamDevice(await caller(request), id);
  });

  app.post('/v1/sync/push', async (request) => {
    const claims = await caller(request);
    // Names, ids and clocks are patterns that leave no room for NUL; a value holding one refuses its
    // mutation (check-mutation.ts), like any other value that breaks the rules, so the laptop goes on.
    const input = parse(PushRequest, request.body, 'checked later');
    return service.push(claims, input.mutations);
  });

  registerHeadEvents(app, service, caller);

  app.get('/v1/sync/snapshot', async (request) => {
    const claims = await caller(request);
    const query = request.query as Record<string, unknown>;
    const limit = Math.min(SNAPSHOT_ROWS, wholeNumberParam('limit', query.limit, SNAPSHOT_ROWS, 1));
    return service.snapshot(claims, snapshotAfterParams(query), limit);
  });

  app.get('/v1/sync/pull', async (request) => {
    const claims = await caller(request);
    const query = request.query as Record<string, unknown>;
    const cursor = wholeNumberParam('cursor', query.cursor, 0, 0);
    const limit = Math.min(PULL_MAX, wholeNumberParam('limit', query.limit, PULL_MAX, 1));
    return service.pull(claims, cursor, limit);
  });

  return app;
}
