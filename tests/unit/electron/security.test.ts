import { describe, expect, it } from 'vitest';
import {
  appUrlMatcher,
  devContentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  secureWebPreferences,
} from '../../../electron/main/security.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp.ts';
import { FakeSession, FakeWebContents, topFrame } from './fake-electron.ts';

const APP_URL = 'app://rapport/index.html';
const isAppUrl = appUrlMatcher(APP_URL);

describe('window web preferences', () => {
  it('isolate the page from Node and Electron', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('allow the developer tools only when asked to (development builds)', () => {
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });
});

describe('session hardening', () => {
  it('denies every permission a page may ask for', () => {
    const session = new FakeSession();
    hardenSession(session, CONTENT_SECURITY_POLICY);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(session.requestPermission(permission), permission).toBe(false);
      expect(session.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
  });

  it('adds the Content-Security-Policy to responses, replacing a weaker one', () => {
    const session = new FakeSession();
    hardenSession(session, CONTENT_SECURITY_POLICY);
    const headers = session.respond('http://localhost:5173/', {
      'content-type': ['text/html'],
      'content-security-policy': ['default-src *'],
    });
    expect(headers).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('relaxes only inline scripts and the hot-reload socket for the dev server', () => {
    const policy = devContentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('navigation and new windows', () => {
  const harden = () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents, isAppUrl, (url) => opened.push(url));
    return { contents, opened };
  };

  it('keeps the window on the app: navigating elsewhere is stopped', () => {
    const { contents } = harden();
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('javascript:alert(1)')).toBe(true);
  });

  it('lets the app navigate within its own page', () => {
    const { contents } = harden();
    expect(contents.navigate(`${APP_URL}#/settings`)).toBe(false);
  });

  it('opens a clicked web, e-mail or phone link in the user’s own app instead', () => {
    const { contents, opened } = harden();
    contents.navigate('https://client.example/about');
    expect(contents.openWindow('mailto:anna@client.example')).toEqual({ action: 'deny' });
    expect(contents.openWindow('tel:+77011234567')).toEqual({ action: 'deny' });
    expect(opened).toEqual([
      'https://client.example/about',
      'mailto:anna@client.example',
      'tel:+77011234567',
    ]);
  });

  it('never opens a new window, nor hands files, scripts or plain http to the OS', () => {
    const { contents, opened } = harden();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://client.example/',
      'smb://server/share',
      'not a url',
    ]) {
      expect(contents.openWindow(url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });

  it('refuses to attach a webview', () => {
    const { contents } = harden();
    let prevented = false;
    contents.listeners.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('trusts the app’s own top-level page, whatever its route', () => {
    expect(isTrustedSender(topFrame(APP_URL), isAppUrl)).toBe(true);
    expect(isTrustedSender(topFrame(`${APP_URL}#/clients?q=acme`), isAppUrl)).toBe(true);
  });

  it('refuses other pages, other files, sub-frames, and frames that are gone', () => {
    expect(isTrustedSender(topFrame('https://evil.example/'), isAppUrl)).toBe(false);
    expect(isTrustedSender(topFrame('file:///tmp/index.html'), isAppUrl)).toBe(false);
    // Custom schemes all have the origin "null" in a URL parser: none of them may pass for the app.
    expect(isTrustedSender(topFrame('evil://rapport/index.html'), isAppUrl)).toBe(false);
    expect(isTrustedSender(topFrame('app://other/index.html'), isAppUrl)).toBe(false);
    expect(isTrustedSender(topFrame('app://rapport/assets/page.html'), isAppUrl)).toBe(false);
    expect(isTrustedSender({ url: APP_URL, parent: topFrame(APP_URL) }, isAppUrl)).toBe(false);
    expect(isTrustedSender(null, isAppUrl)).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed, isAppUrl)).toBe(false);
  });

  it('in development, trusts the dev server’s origin only', () => {
    const isDevUrl = appUrlMatcher('http://localhost:5173');
    expect(isTrustedSender(topFrame('http://localhost:5173/#/clients'), isDevUrl)).toBe(true);
    expect(isTrustedSender(topFrame('http://localhost:5174/'), isDevUrl)).toBe(false);
    expect(isTrustedSender(topFrame('http://evil.example:5173/'), isDevUrl)).toBe(false);
  });
});
