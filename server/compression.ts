import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import { ServiceError } from './service-error.ts';

const gzipAsync = promisify(gzip);

/** Replies smaller than this go as they are: compressing them saves nothing worth the time. */
const COMPRESS_MIN_BYTES = 1024;

/**
 * gzip both ways (SYNC.md "HTTP + JSON, gzip"). Replies of some size are compressed when the device
 * accepts gzip (a first sync is then a fraction of the bytes), off the main thread. Request bodies sent
 * with `content-encoding: gzip` are inflated as they arrive; the body limit counts the inflated bytes, so
 * a small compressed push cannot unpack into something huge. Streams (server-sent events) pass as they are.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding === 'identity') {
      done(null, payload);
      return;
    }
    if (encoding !== 'gzip') {
      done(
        new ServiceError(415, 'unsupported_encoding', `Bodies in ${encoding} are not accepted; send gzip.`),
      );
      return;
    }
    // Fastify checks the bytes received against content-length with `receivedEncodedLength`, and the
    // inflated bytes against the body limit.
    const inflated = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
    payload.on('data', (chunk: Buffer) => {
      inflated.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (error) => inflated.destroy(error));
    done(null, payload.pipe(inflated));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
    if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return payload;
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return gzipAsync(payload, { level: 1 });
  });
}
