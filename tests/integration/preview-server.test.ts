import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type PreviewServer, startPreviewServer } from '../../cli/preview/preview-server.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();
const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function startPreview() {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rapport</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const { backend } = await openTestBackend(join(dir, 'data'));
  const server = await startPreviewServer({ backend, rendererDir, port: 0 });
  servers.push(server);
  const base = `http://127.0.0.1:${server.port}`;
  const rpc = (method: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/rpc/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
      body,
    });
  return { server, base, rpc };
}

/** A raw request, for what fetch refuses to send (a foreign Host header, an unnormalised path). */
function rawGet(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the browser preview transport', () => {
  it('prints an address on 127.0.0.1 with a long random token, new on every run', async () => {
    const a = await startPreview();
    const b = await startPreview();
    expect(a.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32,}$/);
    expect(a.server.token).not.toBe(b.server.token);
  });

  it('runs API calls and returns the envelope', async () => {
    const { rpc } = await startPreview();
    const created = await rpc('clients.create', JSON.stringify({ name: 'Acme', kind: 'company' }));
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ ok: true, value: { name: 'Acme', kind: 'company' } });
    const listed = await rpc('clients.list', '{}');
    expect(await listed.json()).toMatchObject({ ok: true, value: { items: [{ name: 'Acme' }] } });
  });

  it('answers 401 without the token or with a wrong one, and runs nothing', async () => {
    const { rpc, base } = await startPreview();
    const body = JSON.stringify({ name: 'Intruder', kind: 'company' });
    const noToken = await fetch(`${base}/rpc/clients.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await rpc('clients.create', body, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${base}/events?token=nope`)).status).toBe(401);
    const listed = (await (await rpc('clients.list', '{}')).json()) as { value: { items: unknown[] } };
    expect(listed.value.items).toEqual([]);
  });

  it('maps errors to HTTP statuses: 400 for bad input, 404 for an unknown method', async () => {
    const { rpc } = await startPreview();
    const invalid = await rpc('clients.create', JSON.stringify({ name: 7 }));
    expect(invalid.status).toBe(400);
    const envelope = (await invalid.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(envelope.error.code).toBe('validation');
    expect(envelope.error.details.issues.map((i) => i.path)).toEqual(['name', 'kind']);
    const unknown = await rpc('clients.explode', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a body of null or an array instead of reading it as “no input”: undo undoes nothing', async () => {
    const { rpc } = await startPreview();
    await rpc('clients.create', JSON.stringify({ name: 'Acme', kind: 'company' }));
    for (const body of ['null', '[]', '7']) {
      const refused = await rpc('history.undo', body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        ok: false,
        error: { code: 'validation', details: { issues: [{ path: '', rule: 'invalid_type' }] } },
      });
    }
    const listed = await rpc('clients.list', '{}');
    expect(await listed.json()).toMatchObject({ ok: true, value: { items: [{ name: 'Acme' }] } });
  });

  it('survives malformed, non-JSON and oversized bodies and keeps serving', async () => {
    const { rpc } = await startPreview();
    const malformed = await rpc('clients.create', '{"name": "Acme", ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
    const text = await rpc('clients.create', 'name=Acme', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await rpc(
      'clients.create',
      JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'company' }),
    );
    expect(huge.status).toBe(413);
    const after = await rpc('clients.create', JSON.stringify({ name: 'Still here', kind: 'person' }));
    expect(after.status).toBe(200);
  });

  it('serves the app with its CSP, falls back to index.html for app routes, and never leaves its folder', async () => {
    const { base, server } = await startPreview();
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>Rapport</title>');
    const asset = await fetch(`${base}/assets/app-1a2b3c.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await rawGet(server.port, '/../secret.txt', `127.0.0.1:${server.port}`)).not.toBe(200);
    expect(await rawGet(server.port, '/%2e%2e/secret.txt', `127.0.0.1:${server.port}`)).not.toBe(200);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const { server } = await startPreview();
    expect(await rawGet(server.port, '/', `127.0.0.1:${server.port}`)).toBe(200);
    expect(await rawGet(server.port, '/', `evil.example:${server.port}`)).toBe(403);
  });

  it('streams data events to the browser after a write', async () => {
    const { base, server, rpc } = await startPreview();
    const controller = new AbortController();
    const stream = await fetch(`${base}/events?token=${server.token}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body?.getReader();
    if (!reader) throw new Error('no event stream body');
    await reader.read(); // the ": connected" comment
    const created = (await (
      await rpc('clients.create', JSON.stringify({ name: 'Evented', kind: 'company' }))
    ).json()) as {
      value: { id: string };
    };
    let received = '';
    while (!received.includes('\n\n') || !received.includes('data:')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain(
      JSON.stringify({ event: 'data.changed', payload: { entity: 'client', ids: [created.value.id] } }),
    );
  });
});
