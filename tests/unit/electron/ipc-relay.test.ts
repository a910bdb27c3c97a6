import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../electron/ipc-channels.ts';
import { forwardEvent, registerIpcRelay } from '../../../electron/main/ipc-relay.ts';
import { appUrlMatcher, isTrustedSender } from '../../../electron/main/security.ts';
import type { Envelope } from '../../../shared/api/envelope.ts';
import type { BackendEvent } from '../../../shared/api/events.ts';
import { FakeIpcMain, FakeWebContents, topFrame } from './fake-electron.ts';

const APP_URL = 'app://rapport/index.html';

function setup() {
  const ipcMain = new FakeIpcMain();
  const backend = vi.fn((_method: string, _input: unknown) =>
    Promise.resolve<Envelope<unknown>>({ ok: true, value: 'from backend' }),
  );
  const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const isAppUrl = appUrlMatcher(APP_URL);
  const dispose = registerIpcRelay({
    ipcMain,
    isTrustedSender: (frame) => isTrustedSender(frame, isAppUrl),
    invoke: backend,
    logger,
  });
  return { ipcMain, backend, logger, dispose };
}

describe('IPC relay', () => {
  it('listens on exactly one channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNELS.invoke]);
  });

  it('relays a call from the app’s page to the backend and returns its envelope', async () => {
    const { ipcMain, backend } = setup();
    const input = { name: 'Acme', kind: 'company' };
    const answer = await ipcMain.invoke(
      IPC_CHANNELS.invoke,
      topFrame(`${APP_URL}#/clients`),
      'clients.create',
      input,
    );
    expect(answer).toEqual({ ok: true, value: 'from backend' });
    expect(backend).toHaveBeenCalledWith('clients.create', input);
  });

  it('answers a call from any other frame with `forbidden`, and never reaches the backend', async () => {
    const { ipcMain, backend, logger } = setup();
    for (const frame of [
      topFrame('https://evil.example/'),
      { url: APP_URL, parent: topFrame(APP_URL) },
      null,
    ]) {
      const answer = await ipcMain.invoke(IPC_CHANNELS.invoke, frame, 'clients.list', {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(backend).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('answers an unknown or non-string method with `not_found` without reaching the backend', async () => {
    const { ipcMain, backend } = setup();
    for (const method of [
      'clients.drop',
      '__proto__',
      'toString',
      42,
      undefined,
      { method: 'clients.list' },
    ]) {
      const answer = await ipcMain.invoke(IPC_CHANNELS.invoke, topFrame(APP_URL), method, {});
      expect(answer, typeof method === 'string' ? method : typeof method).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(backend).not.toHaveBeenCalled();
  });

  it('can be removed', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('sends backend events to the page on the event channel, and to no page once it is gone', () => {
    const contents = new FakeWebContents();
    const event: BackendEvent = { event: 'data.changed', payload: { entity: 'client', ids: ['c1'] } };
    forwardEvent(contents, event);
    expect(contents.sent).toEqual([{ channel: IPC_CHANNELS.event, args: [event] }]);
    contents.destroyed = true;
    forwardEvent(contents, event);
    forwardEvent(undefined, event);
    expect(contents.sent).toHaveLength(1);
  });
});
