import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../electron/ipc-channels.ts';
import { type StartAppOptions, startApp } from '../../../electron/main/app.ts';
import { SECRET_KEY_FILE } from '../../../electron/main/secret-key.ts';
import { saveWindowState } from '../../../electron/main/window-state.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp.ts';
import { type FakeElectron, type FakeWindow, createFakeElectron, topFrame } from './fake-electron.ts';

const paths = {
  preload: '/opt/Rapport/out/preload/index.cjs',
  rendererIndex: '/opt/Rapport/out/renderer/index.html',
  backendModule: '/opt/Rapport/out/main/backend.js',
};
const APP_URL = 'app://rapport/index.html';

let userData: string;
beforeEach(() => (userData = mkdtempSync(join(tmpdir(), 'rapport-userdata-'))));
afterEach(() => rmSync(userData, { recursive: true, force: true }));

/** Starts the app on a fake Electron and lets it become ready. */
async function launch(
  options: Partial<StartAppOptions> & { packaged?: boolean; encryption?: boolean } = {},
): Promise<FakeElectron> {
  const fake = createFakeElectron({ userData, encryption: options.encryption ?? false });
  fake.app.isPackaged = options.packaged ?? true;
  const started = startApp(fake.seam, {
    paths,
    env: options.env ?? {},
    platform: options.platform ?? 'linux',
    logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() },
  });
  fake.app.becomeReady();
  await started;
  return fake;
}

function onlyWindow(fake: FakeElectron): FakeWindow {
  expect(fake.windows).toHaveLength(1);
  const [window] = fake.windows;
  if (window === undefined) throw new Error('unreachable');
  return window;
}

describe('starting the app', () => {
  it('quits at once, opening nothing, when another Rapport is already running', async () => {
    const fake = createFakeElectron({ userData });
    fake.app.lockGranted = false;
    await startApp(fake.seam, {
      paths,
      env: {},
      platform: 'linux',
      logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() },
    });
    expect(fake.app.quits).toEqual(['quit']);
    expect(fake.windows).toEqual([]);
    expect(fake.processes).toEqual([]);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('turns the sandbox on for every renderer before Electron is ready', () => {
    const fake = createFakeElectron({ userData });
    void startApp(fake.seam, {
      paths,
      env: {},
      platform: 'linux',
      logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() },
    });
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.windows).toEqual([]);
  });

  it('opens one locked-down window, hidden until its first paint, on the built page', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(window.loaded).toEqual({ url: APP_URL });
    expect(window.calls).toEqual([]);
    window.listeners.emit('ready-to-show');
    expect(window.calls).toEqual(['show']);
  });

  it('serves the page from its own privileged scheme, registered before ready, from the built folder only', async () => {
    const fake = await launch();
    expect(fake.protocol.registeredBeforeReady).toBe(true);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const serve = fake.protocol.handlers.get('app');
    // The built folder does not exist here: the handler looks in it, and only in it.
    const missing = await serve?.(new Request(APP_URL));
    expect(missing?.status).toBe(404);
    const outside = await serve?.(new Request('app://rapport/%2e%2e/%2e%2e/main/backend.js'));
    expect(outside?.status).toBe(404);
  });

  it('hardens the default session: permissions denied, strict CSP on responses', async () => {
    const fake = await launch();
    expect(fake.session.requestPermission('media')).toBe(false);
    expect(fake.session.respond('https://example.com/', {})).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('blocks navigation away from the app and new windows', async () => {
    const window = onlyWindow(await launch());
    expect(window.webContents.navigate('https://evil.example/')).toBe(true);
    expect(window.webContents.navigate(`${APP_URL}#/settings`)).toBe(false);
    expect(window.webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('runs the backend in a utility process on the user-data folder', async () => {
    const fake = await launch();
    expect(fake.processes).toHaveLength(1);
    expect(fake.processes[0]?.modulePath).toBe(paths.backendModule);
    expect(fake.processes[0]?.options.serviceName).toBe('Rapport backend');
    // The backend's young generation is sized for its memory budget (db/backend-exec-argv.ts).
    expect(fake.processes[0]?.options.execArgv).toEqual(['--max-semi-space-size=16']);
    expect(fake.processes[0]?.received).toEqual([{ type: 'init', dataDir: userData }]);
  });

  it('gives the backend a key kept by the OS to seal secrets, the same one at every start', async () => {
    const first = await launch({ encryption: true });
    const init = first.processes[0]?.received[0] as { secretKey?: string };
    expect(Buffer.from(init.secretKey ?? '', 'base64')).toHaveLength(32);
    const stored = readFileSync(join(userData, SECRET_KEY_FILE), 'utf8');
    expect(stored.startsWith('enc:')).toBe(true);
    expect(stored).not.toContain(init.secretKey);
    const again = await launch({ encryption: true });
    expect(again.processes[0]?.received[0]).toEqual(first.processes[0]?.received[0]);
  });

  it('passes no key where the OS offers no encryption', async () => {
    const fake = await launch({ encryption: false });
    expect(fake.processes[0]?.received[0]).toEqual({ type: 'init', dataDir: userData });
    expect(existsSync(join(userData, SECRET_KEY_FILE))).toBe(false);
  });

  it('uses RAPPORT_DATA_DIR for the database when it is set', async () => {
    const fake = await launch({ env: { RAPPORT_DATA_DIR: '/srv/rapport-data' } });
    expect(fake.processes[0]?.received).toEqual([{ type: 'init', dataDir: '/srv/rapport-data' }]);
  });

  it('loads the dev server page in development, and never in a packaged app', async () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    const dev = await launch({ packaged: false, env });
    expect(onlyWindow(dev).loaded).toEqual({ url: 'http://localhost:5173' });
    expect(onlyWindow(dev).options.webPreferences.devTools).toBe(true);
    expect(dev.session.respond('http://localhost:5173/', {})?.['Content-Security-Policy']?.[0]).toContain(
      'ws://localhost:5173',
    );
    const packaged = await launch({ packaged: true, env });
    expect(onlyWindow(packaged).loaded).toEqual({ url: APP_URL });
  });

  it('reopens the window where it was left, maximized if it was', async () => {
    saveWindowState(join(userData, 'window-state.json'), {
      bounds: { x: 200, y: 100, width: 1100, height: 700 },
      maximized: true,
    });
    const window = onlyWindow(await launch());
    expect(window.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 700 });
    window.listeners.emit('ready-to-show');
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('sets the application menu', async () => {
    const fake = await launch();
    expect(fake.menus).toHaveLength(1);
    expect(fake.menus[0]?.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });
});

describe('the running app', () => {
  it('brings its window to the front when Rapport is launched again', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    window.minimized = true;
    fake.app.listeners.emit('second-instance', {}, ['rapport'], '/home/user');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(fake.windows).toHaveLength(1);
  });

  it('relays a call from its page to the backend process and back', async () => {
    const fake = await launch();
    const child = fake.processes[0];
    const answer = fake.ipcMain.invoke(
      IPC_CHANNELS.invoke,
      topFrame(`${APP_URL}#/clients`),
      'clients.list',
      {},
    );
    expect(child?.received.at(-1)).toEqual({ type: 'invoke', id: 1, method: 'clients.list', input: {} });
    child?.reply({ type: 'result', id: 1, envelope: { ok: true, value: { items: [], nextCursor: null } } });
    expect(await answer).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });

  it('refuses calls from a frame that is not its page', async () => {
    const fake = await launch();
    const answer = await fake.ipcMain.invoke(
      IPC_CHANNELS.invoke,
      topFrame('https://evil.example/'),
      'clients.list',
      {},
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.processes[0]?.received).toHaveLength(1);
  });

  it('passes backend events on to its page', async () => {
    const fake = await launch();
    const event = { event: 'data.changed', payload: { entity: 'client', ids: ['c1'] } };
    fake.processes[0]?.reply({ type: 'event', event });
    expect(onlyWindow(fake).webContents.sent).toEqual([{ channel: IPC_CHANNELS.event, args: [event] }]);
  });

  it('shows the number of overdue follow-ups on the dock or launcher icon', async () => {
    const fake = await launch();
    fake.processes[0]?.reply({ type: 'event', event: { event: 'followups.overdue', payload: { count: 3 } } });
    fake.processes[0]?.reply({ type: 'event', event: { event: 'followups.overdue', payload: { count: 0 } } });
    expect(fake.app.badgeCounts).toEqual([3, 0]);
    // The page gets it too, for the window title.
    expect(onlyWindow(fake).webContents.sent).toHaveLength(2);
  });

  it('tells the user and quits when the database cannot be opened', async () => {
    const fake = await launch();
    const message = 'This database was made by a newer version of Rapport. Update the app.';
    fake.processes[0]?.reply({ type: 'fatal', error: { code: 'unavailable', message } });
    expect(fake.errorBoxes).toEqual([{ title: 'Rapport cannot start', content: message }]);
    expect(fake.app.quits.length).toBeGreaterThan(0);
  });

  it('keeps the window open when the database’s storage is at fault, for the window to say what to do', async () => {
    const fake = await launch();
    const details = { storage: 'read_only_folder', when: 'opening', file: '/d/rapport.db', dataDir: '/d' };
    fake.processes[0]?.reply({ type: 'fatal', error: { code: 'read_only', message: 'read-only', details } });
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.app.quits).toEqual([]);
    expect(fake.windows).toHaveLength(1);
  });

  it('File › New Client asks the window to open the new-client form', async () => {
    const fake = await launch({ platform: 'darwin' });
    const newClient = fake.menus[0]
      ?.flatMap((menu) => menu.submenu ?? [])
      .find((item) => item.label === 'New Client…');
    newClient?.click?.();
    expect(onlyWindow(fake).webContents.sent).toEqual([
      { channel: 'rapport:event', args: [{ event: 'app.command', payload: { command: 'clients.new' } }] },
    ]);
  });
});

describe('closing and quitting', () => {
  it('quits when the last window closes on Windows and Linux', async () => {
    const fake = await launch({ platform: 'win32' });
    onlyWindow(fake).close();
    fake.app.listeners.emit('window-all-closed');
    // Held up only until the backend has closed the database (see the last test).
    expect(fake.app.quits).toEqual(['prevented']);
  });

  it('stays open without windows on macOS, and reopens one on activate', async () => {
    const fake = await launch({ platform: 'darwin' });
    onlyWindow(fake).close();
    fake.app.listeners.emit('window-all-closed');
    expect(fake.app.quits).toEqual([]);
    fake.app.listeners.emit('activate');
    expect(fake.windows).toHaveLength(2);
  });

  it('remembers where the window was when it closes', async () => {
    const fake = await launch();
    const window = onlyWindow(fake);
    window.normalBounds = { x: 50, y: 60, width: 1000, height: 640 };
    window.close();
    const reopened = await launch();
    expect(onlyWindow(reopened).options).toMatchObject({ x: 50, y: 60, width: 1000, height: 640 });
  });

  it('lets the backend close the database before the app quits', async () => {
    const fake = await launch();
    const child = fake.processes[0];
    fake.app.quit();
    expect(fake.app.quits).toEqual(['prevented']);
    expect(child?.received.at(-1)).toEqual({ type: 'close' });
    child?.reply({ type: 'closed' });
    await vi.waitFor(() => expect(fake.app.quits).toEqual(['prevented', 'quit']));
    expect(child?.killed).toBe(true);
    expect(fake.processes).toHaveLength(1);
  });
});
