import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ServiceError } from './service-error.ts';

/** Every answer that is not a success, whoever gives it: `{error: {code, message}}`. */
export function envelope(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * What Fastify answers itself before any route runs (a URL it cannot decode, a path segment longer than
 * it allows), in the same envelope as every other refusal.
 */
function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply
      .status(400)
      .send(envelope('bad_url', 'Bad request: the address is not valid (a % must start a hex pair).'));
    return;
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(envelope('too_long', 'Bad request: a part of the address is too long.'));
    return;
  }
  void reply.status(error.statusCode ?? 400).send(envelope('bad_request', `Bad request: ${error.message}`));
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, bytes that are not
 * HTTP, a client too slow), written on the socket as Fastify would, but enveloped.
 */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, envelope('headers_too_large', 'Bad request: the request headers are too large.')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, envelope('timeout', 'The request took too long to arrive.')]
        : [400, envelope('bad_request', 'Bad request: this is not an HTTP request the server can read.')];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}\r\nContent-Length: ${String(Buffer.byteLength(text))}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

/** The Fastify options that route its own refusals through the envelope. */
export const envelopedFrameworkErrors = { frameworkErrors, clientErrorHandler };

/** Refusals from routes, hooks, body parsing and unknown routes, all enveloped; a failure logged. */
export function registerErrorEnvelopes(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof ServiceError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.status).send(envelope(error.code, error.message));
    }
    if (typeof error.code === 'string' && error.code.startsWith('Z_'))
      return reply.status(400).send(envelope('bad_gzip', 'Bad request: the gzip body is damaged.'));
    if (error.statusCode === 413)
      return reply.status(413).send(envelope('too_large', 'The request is larger than 1 MB.'));
    if (error.statusCode && error.statusCode < 500)
      return reply.status(error.statusCode).send(envelope('bad_request', `Bad request: ${error.message}`));
    app.log.error(error);
    return reply.status(500).send(envelope('internal', 'The server failed; nothing was stored.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        envelope(
          'not_found',
          `There is no ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)} here.`,
        ),
      ),
  );
}
