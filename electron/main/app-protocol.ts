import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/content-types.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';

/*
 * The app's pages come from `app://rapport/…`, a scheme of our own, not from file://. A file:// page may
 * read any file the user can (fetch, iframes, service workers: Electron's `grantFileProtocolExtraPrivileges`,
 * turned off by a fuse at packaging), and every file:// page shares one origin. Under our scheme the
 * page has an origin of its own, `'self'` in the CSP means only the app's files, and the handler below
 * serves the built renderer folder and nothing else. No Electron here: main passes it to protocol.handle.
 */

/** The scheme of the app's pages. */
export const APP_SCHEME = 'app';
/** The one host of that scheme: a standard scheme needs one, and an origin is scheme plus host. */
export const APP_HOST = 'rapport';
/** The address of the app's page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * What the scheme is allowed, for `protocol.registerSchemesAsPrivileged` (before the app is ready).
 * `standard`: real origins and relative URLs, so `'self'` and module scripts work; `secure`: a secure
 * context, as https would be; `supportFetchAPI`: the page may fetch its own files. Nothing that would
 * weaken the page: no `bypassCSP`, no `corsEnabled`, no `allowServiceWorkers`.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** The request as protocol.handle passes it: a Web API Request (only what the handler reads). */
export interface AppProtocolRequest {
  url: string;
  method: string;
}

/**
 * Serves the files of `rootDir` (out/renderer) at `app://rapport/…`: GET and HEAD only, with each file's
 * MIME type, `nosniff` and the app's CSP. A path that leaves the folder (`..`, encoded or not,
 * backslashes, NUL bytes), another host, or a missing file is refused; nothing outside is ever read.
 */
export function createAppProtocolHandler(
  rootDir: string,
): (request: AppProtocolRequest) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = fileOf(root, request.url);
    if (file === null) return refuse(404, 'Not found');
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return refuse(404, 'Not found');
      body = await readFile(file);
    } catch {
      return refuse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Length': String(body.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** The file under `root` an app:// URL names, or null when it names none or would leave `root`. */
export function fileOf(root: string, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // The URL parser already folded `..` segments; what is left would only be a disguised one.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

function refuse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
