import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { APP_SCHEME } from './app-protocol.ts';
import type {
  FrameSeam,
  PreventableEvent,
  ResponseHeaders,
  SessionSeam,
  WebContentsSeam,
  WebPreferences,
} from './seam.ts';

/**
 * The renderer is a web page with no Node: it reaches the backend only through the preload's bridge.
 * `devTools` is off in a packaged app so a user cannot be talked into pasting code into a console that
 * can call the whole API.
 */
export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: allowDevTools,
  };
}

/**
 * The dev server injects inline scripts (React refresh) and talks to its page over a WebSocket; the
 * built app needs neither, so only development relaxes exactly those two directives.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const socket = new URL(devServerUrl);
  socket.protocol = socket.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${socket.origin}`,
  );
}

/**
 * Denies every permission (camera, microphone, location, notifications, …): a CRM page needs none,
 * and notifications come from main. Every response gets the CSP header, replacing any the server sent;
 * the app's own scheme sets it itself (app-protocol.ts), and the built page carries it in a meta tag too
 * (all of it but `frame-ancestors`, which works only as a header).
 */
export function hardenSession(session: SessionSeam, policy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withPolicy(details.responseHeaders ?? {}, policy) });
  });
}

function withPolicy(headers: ResponseHeaders, policy: string): ResponseHeaders {
  const kept = Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

/** Schemes a link in the app may hand to the OS: web pages (TLS only), e-mail and phone calls. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:', 'tel:']);

/** True when `url` may be opened outside the app, in the user's browser, mail or phone app. */
function isExternallyOpenable(url: string): boolean {
  return URL.canParse(url) && EXTERNAL_SCHEMES.has(new URL(url).protocol);
}

/**
 * The app is one page: it never navigates away, opens windows or embeds webviews. A link to a client's
 * website or e-mail address opens in the user's own app instead.
 */
export function hardenWebContents(
  contents: WebContentsSeam,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const openOutside = (url: string) => {
    if (isExternallyOpenable(url)) openExternal(url);
  };
  contents.on('will-navigate', (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
}

/**
 * Recognises the app's own page: the built index.html under the app's scheme (any #route) or, in
 * development, any page of the dev server's origin. A custom scheme has no origin in Node's URL (it is
 * "null" for all of them), so the app's scheme is matched by scheme, host and path.
 */
export function appUrlMatcher(rendererUrl: string): (url: string) => boolean {
  const app = new URL(rendererUrl);
  return (url) => {
    if (!URL.canParse(url)) return false;
    const candidate = new URL(url);
    if (app.protocol !== `${APP_SCHEME}:`)
      return candidate.origin !== 'null' && candidate.origin === app.origin;
    return (
      candidate.protocol === app.protocol &&
      candidate.host === app.host &&
      candidate.pathname === app.pathname
    );
  };
}

/**
 * Only the app's own top-level page may call the backend: not a sub-frame, and not a page the window
 * was somehow navigated to. A frame that is gone (or whose address can no longer be read) is refused.
 */
export function isTrustedSender(frame: FrameSeam | null, isAppUrl: (url: string) => boolean): boolean {
  if (frame === null) return false;
  try {
    return frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}
