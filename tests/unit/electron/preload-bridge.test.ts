import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../electron/ipc-channels.ts';
import { type IpcRendererLike, createBridge } from '../../../electron/preload/bridge.ts';
import type { BackendEvent } from '../../../shared/api/events.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the bridge does with `ipcRenderer`. */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Listener[]>();

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: { items: [], nextCursor: null } });
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  /** Main sends `payload` on `channel`, with Electron's IPC event object first. */
  emit(channel: string, payload: unknown): void {
    const ipcEvent = { sender: 'ipcRenderer itself', senderFrame: 'main' };
    for (const listener of this.listeners.get(channel) ?? []) listener(ipcEvent, payload);
  }
}

const changed: BackendEvent = { event: 'data.changed', payload: { entity: 'client', ids: ['c1'] } };

describe('preload bridge (window.rapport)', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(createBridge(new FakeIpcRenderer())).sort()).toEqual(['invoke', 'on']);
  });

  it('sends every call over the single invoke channel and returns main’s envelope', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const envelope = await bridge.invoke('clients.list', { limit: 10 });
    expect(ipc.invoked).toEqual([{ channel: IPC_CHANNELS.invoke, args: ['clients.list', { limit: 10 }] }]);
    expect(envelope).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });

  it('delivers backend events without Electron’s IPC event object, until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const unsubscribe = bridge.on((...args) => received.push(args));
    ipc.emit(IPC_CHANNELS.event, changed);
    ipc.emit('some-other-channel', { event: 'data.changed', payload: { entity: 'x', ids: [] } });
    unsubscribe();
    ipc.emit(IPC_CHANNELS.event, changed);
    expect(received).toEqual([[changed]]);
    expect(ipc.listeners.get(IPC_CHANNELS.event)).toEqual([]);
  });

  it('keeps separate subscriptions independent', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = bridge.on((event) => first.push(event));
    bridge.on((event) => second.push(event));
    stopFirst();
    ipc.emit(IPC_CHANNELS.event, changed);
    expect(first).toEqual([]);
    expect(second).toEqual([changed]);
  });
});
