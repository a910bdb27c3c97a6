import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../../db/backend.ts';
import type { ErrorCode, ErrorInfo } from '../../shared/api/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { readStaticFile } from './static-files.ts';

export interface PreviewServerOptions {
  backend: Backend;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Tests may fix the token; by default a random one is made per run. */
  token?: string;
}

export interface PreviewServer {
  /** The address to open, including the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest RPC body accepted: no single API call needs more. */
const BODY_LIMIT = 1024 * 1024;

const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  unavailable: 503,
  disk_full: 507,
  read_only: 503,
  internal: 500,
};

/**
 * The browser preview transport: the built renderer plus `POST /rpc/:method` and `GET /events` (SSE),
 * on 127.0.0.1 only, guarded by a per-run token and a Host check against DNS rebinding.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  let port = options.port;

  app.addHook('onRequest', async (request, reply) => {
    if (!isOwnHost(request.headers.host, port)) return sendError(reply, 'forbidden', 'Unknown host.', 403);
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 'validation', 'The request is larger than 1 MB.', 413);
    if (status === 415)
      return sendError(reply, 'validation', 'Send the input as JSON (application/json).', 415);
    if (status >= 400 && status < 500) {
      return sendError(reply, 'validation', `The request body is not valid JSON: ${error.message}`, 400);
    }
    return sendError(reply, 'internal', 'The preview server failed; try again.', 500);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'not_found', 'Nothing here.', 404));

  app.post<{ Params: { method: string } }>('/rpc/:method', async (request, reply) => {
    if (!hasToken(bearer(request), token)) return unauthorized(reply);
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return sendError(
        reply,
        'validation',
        'Send the input as JSON with Content-Type: application/json.',
        415,
      );
    }
    // Every method takes one object: `null` or `[]` is a mistake of the caller, never "no input".
    if (!isJsonObject(request.body)) return notAnObject(reply);
    const envelope = await options.backend.dispatch(request.params.method, request.body);
    return reply.code(envelope.ok ? 200 : statusOf[envelope.error.code]).send(envelope);
  });

  app.get<{ Querystring: { token?: string } }>('/events', (request, reply) => {
    if (!hasToken(request.query.token, token)) return unauthorized(reply);
    streamEvents(options.backend, request, reply);
  });

  app.get('/*', async (request, reply) => {
    const file = await readStaticFile(options.rendererDir, request.url);
    if (!file) return sendError(reply, 'not_found', 'Nothing here.', 404);
    reply.header('content-type', file.contentType);
    reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    if (file.contentType.startsWith('text/html'))
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return reply.send(file.body);
  });

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => app.close(),
  };
}

function streamEvents(backend: Backend, request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  raw.write(': connected\n\n');
  const unsubscribe = backend.subscribe((event) => raw.write(`data: ${JSON.stringify(event)}\n\n`));
  // A comment every 25 s keeps proxies and idle timeouts from closing a quiet stream.
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), 25_000);
  request.raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function hasToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function unauthorized(reply: FastifyReply): FastifyReply {
  return sendError(
    reply,
    'forbidden',
    'This preview needs its access token. Open the address printed by `rapport preview`, token included.',
    401,
  );
}

function isJsonObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function notAnObject(reply: FastifyReply): FastifyReply {
  const message = 'Send the input as a JSON object, such as {} for a method that takes nothing.';
  const error: ErrorInfo = {
    code: 'validation',
    message,
    details: { issues: [{ path: '', rule: 'invalid_type', message }] },
  };
  return reply.code(400).send({ ok: false, error });
}

function sendError(reply: FastifyReply, code: ErrorCode, message: string, status: number): FastifyReply {
  const error: ErrorInfo = { code, message };
  return reply.code(status).send({ ok: false, error });
}
