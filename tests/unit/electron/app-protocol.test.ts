import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from '../../../electron/main/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp.ts';

/*
 * The handler main gives protocol.handle('app', …), on a real folder laid out like out/renderer, with
 * a secret file beside it that no URL may reach.
 */

let base: string;
let serve: ReturnType<typeof createAppProtocolHandler>;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'rapport-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rapport</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'data.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(join(base, 'secret.txt'), 'the refresh token');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'index.html'), 'not ours');
  serve = createAppProtocolHandler(root);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is standard and secure, and asks for nothing that weakens the page', () => {
    expect(APP_INDEX_URL).toBe('app://rapport/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('serves the page and its files with their MIME types, nosniff and the CSP', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Rapport</title>');
    const types = {
      'assets/index-abc123.js': 'text/javascript; charset=utf-8',
      'assets/index-abc123.css': 'text/css; charset=utf-8',
      'assets/inter.woff2': 'font/woff2',
      'assets/logo.svg': 'image/svg+xml',
      'assets/data.bin': 'application/octet-stream',
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await get(`app://rapport/${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
    }
    expect((await get('app://rapport/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await (await get('app://rapport/index.html?x=1#/clients')).text()).toContain('Rapport');
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it.each([
    'app://rapport/../secret.txt',
    'app://rapport/%2e%2e/secret.txt',
    'app://rapport/%2E%2E%2Fsecret.txt',
    'app://rapport/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://rapport/..%5csecret.txt',
    'app://rapport/assets%5c..%5c..%5csecret.txt',
    'app://rapport/%2e%2e/renderer-evil/index.html',
    'app://rapport/index.html%00.js',
    'app://rapport/%E0%A4%A',
    'app://rapport/assets',
    'app://rapport/missing.js',
    'app://other-host/index.html',
    'file:///etc/passwd',
  ])('refuses %s without reading outside the folder', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('refresh token');
    expect(body).not.toContain('not ours');
  });
});
