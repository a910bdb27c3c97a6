import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BackendService, createBackendService } from '../../electron/backend/backend-service.ts';
import type { BackendMessage } from '../../electron/backend/protocol.ts';
import { IPC_CHANNELS } from '../../electron/ipc-channels.ts';
import { startApp } from '../../electron/main/app.ts';
import type { ForkOptions } from '../../electron/main/seam.ts';
import { type Backend, openBackend } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import type { Client, ClientPage } from '../../shared/domain/client.ts';
import { FakeUtilityProcess, createFakeElectron, topFrame } from '../unit/electron/fake-electron.ts';

/*
 * The backend side of the utility process against a real SQLite file in a temp folder, and then the
 * whole path a call takes in the desktop app: page → IPC relay → backend host → service → database.
 */

let dataDir: string;
const opened: Backend[] = [];
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rapport-electron-'))));
afterEach(() => {
  for (const backend of opened.splice(0)) backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the real backend, remembering it so every test closes its database. */
async function openRealBackend(options: Parameters<typeof openBackend>[0]): Promise<Backend> {
  const backend = await openBackend(options);
  opened.push(backend);
  return backend;
}

function quietLogger() {
  return { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
}

/** A service whose messages to main are collected in `posted`. */
function startService() {
  const posted: BackendMessage[] = [];
  const logger = quietLogger();
  const service = createBackendService({ post: (m) => posted.push(m), openBackend: openRealBackend, logger });
  let nextId = 1;
  /** Sends one call as main would and returns the envelope the service answered it with. */
  const call = async (method: string, input: unknown) => {
    const id = nextId++;
    await service.handle({ type: 'invoke', id, method, input });
    const result = posted.find((m) => m.type === 'result' && m.id === id);
    if (result?.type !== 'result') throw new Error(`No answer to call ${id}`);
    return result.envelope;
  };
  return { service, posted, logger, call };
}

describe('backend service in the utility process', () => {
  it('opens the database on init and says it is ready', async () => {
    const { service, posted } = startService();
    await service.handle({ type: 'init', dataDir });
    expect(posted).toEqual([{ type: 'ready' }]);
  });

  it('creates a client and lists it back', async () => {
    const { service, call } = startService();
    await service.handle({ type: 'init', dataDir });
    const created = await call('clients.create', { name: 'Acme Trading', kind: 'company' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Acme Trading', kind: 'company' } });
    const listed = await call('clients.list', {});
    const page = listed.ok ? (listed.value as ClientPage) : undefined;
    expect(page?.items.map((client) => client.name)).toEqual(['Acme Trading']);
  });

  it('announces the change to the UI after a client is created', async () => {
    const { service, posted, call } = startService();
    await service.handle({ type: 'init', dataDir });
    const created = await call('clients.create', { name: 'Acme', kind: 'company' });
    const id = created.ok ? (created.value as Client).id : undefined;
    expect(posted).toContainEqual({
      type: 'event',
      event: { event: 'data.changed', payload: { entity: 'client', ids: [id] } },
    });
  });

  it('answers bad input with the validation envelope and writes nothing', async () => {
    const { service, call } = startService();
    await service.handle({ type: 'init', dataDir });
    const answer = await call('clients.create', { name: '   ', kind: 'alien' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
    const issues = answer.ok ? [] : (answer.error.details?.issues ?? []);
    expect(issues.map((issue) => issue.path).sort()).toEqual(['kind', 'name']);
    expect(await call('clients.list', {})).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });

  it('serves calls that arrive before the database has finished opening', async () => {
    const { service, posted } = startService();
    const init = service.handle({ type: 'init', dataDir });
    const listed = service.handle({ type: 'invoke', id: 7, method: 'clients.list', input: {} });
    await Promise.all([init, listed]);
    expect(posted).toEqual([
      { type: 'ready' },
      { type: 'result', id: 7, envelope: { ok: true, value: { items: [], nextCursor: null } } },
    ]);
  });

  it('answers a call sent before init with `unavailable`', async () => {
    const { call } = startService();
    expect(await call('clients.list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('ignores malformed messages, logging them, and keeps working', async () => {
    const { service, posted, logger, call } = startService();
    for (const junk of [
      undefined,
      'init',
      { type: 'init' },
      { type: 'invoke', id: -1, method: 'x' },
      { type: 'drop-tables' },
    ]) {
      await expect(service.handle(junk)).resolves.toBeUndefined();
    }
    expect(posted).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(5);
    await service.handle({ type: 'init', dataDir });
    expect(await call('clients.list', {})).toMatchObject({ ok: true });
  });

  it('reports a damaged database as fatal and answers every call with the reason', async () => {
    writeFileSync(join(dataDir, DATABASE_FILE), 'this is not a database, it is a shopping list');
    const { service, posted, call } = startService();
    await service.handle({ type: 'init', dataDir });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'fatal', error: { code: 'unavailable' } });
    const answer = await call('clients.list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(answer.ok ? '' : answer.error.message).toContain('damaged');
  });

  it('closes the database when asked and confirms it', async () => {
    const { service, posted } = startService();
    await service.handle({ type: 'init', dataDir });
    await service.handle({ type: 'close' });
    expect(posted.at(-1)).toEqual({ type: 'closed' });
  });
});

/**
 * Stands in for Electron's utility process: the real backend service, with messages structured-cloned
 * and delivered asynchronously as they are between processes.
 */
class InProcessBackend extends FakeUtilityProcess {
  readonly #service: BackendService;

  constructor(modulePath: string, options: ForkOptions) {
    super(modulePath, options);
    this.#service = createBackendService({
      post: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => this.reply(copy));
      },
      openBackend: openRealBackend,
      logger: quietLogger(),
    });
  }

  override postMessage(message: unknown): void {
    super.postMessage(message);
    const copy = structuredClone(message);
    setImmediate(() => void this.#service.handle(copy));
  }
}

/** Starts the shell on fakes, with the real backend service (and a real database) in place of the process. */
async function startWithRealBackend() {
  const fake = createFakeElectron({
    userData: dataDir,
    fork: (modulePath, options) => new InProcessBackend(modulePath, options),
  });
  const started = startApp(fake.seam, {
    paths: { preload: '/p.cjs', rendererIndex: '/app/index.html', backendModule: '/app/backend.js' },
    env: {},
    platform: 'linux',
    logger: quietLogger(),
  });
  fake.app.becomeReady();
  await started;
  return fake;
}

describe('a call from the window through main to the database', () => {
  it('creates a client from the app’s page and tells the page its data changed', async () => {
    const fake = await startWithRealBackend();
    const page = topFrame('app://rapport/index.html#/clients');
    const created = await fake.ipcMain.invoke(IPC_CHANNELS.invoke, page, 'clients.create', {
      name: 'Zhanna Bekova',
      kind: 'person',
    });
    expect(created).toMatchObject({ ok: true, value: { name: 'Zhanna Bekova', kind: 'person' } });
    const listed = await fake.ipcMain.invoke(IPC_CHANNELS.invoke, page, 'clients.list', {});
    expect(listed).toMatchObject({ ok: true, value: { items: [{ name: 'Zhanna Bekova' }] } });
    const window = fake.windows[0];
    await vi.waitFor(() =>
      expect(window?.webContents.sent.map((m) => m.channel)).toEqual([IPC_CHANNELS.event]),
    );
  });

  it('refuses the same call from a foreign page, leaving the database untouched', async () => {
    const fake = await startWithRealBackend();
    const refused = await fake.ipcMain.invoke(
      IPC_CHANNELS.invoke,
      topFrame('https://evil.example/'),
      'clients.create',
      { name: 'Evil', kind: 'company' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const listed = await fake.ipcMain.invoke(
      IPC_CHANNELS.invoke,
      topFrame('app://rapport/index.html'),
      'clients.list',
      {},
    );
    expect(listed).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });
});
