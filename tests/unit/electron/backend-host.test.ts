import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BackendHostOptions, startBackendHost } from '../../../electron/main/backend-host.ts';
import type { BackendEvent } from '../../../shared/api/events.ts';
import type { ErrorInfo } from '../../../shared/api/errors.ts';
import { FakeUtilityProcess } from './fake-electron.ts';

function setup(overrides: Partial<BackendHostOptions> = {}) {
  const processes: FakeUtilityProcess[] = [];
  const events: BackendEvent[] = [];
  const fatal: ErrorInfo[] = [];
  const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const host = startBackendHost({
    fork: () => {
      const child = new FakeUtilityProcess('/app/out/main/backend.js', {
        serviceName: 'Rapport backend',
        stdio: 'inherit',
        execArgv: [],
      });
      processes.push(child);
      return child;
    },
    dataDir: '/data/rapport',
    logger,
    onEvent: (event) => events.push(event),
    onFatal: (error) => fatal.push(error),
    restartDelaysMs: [100, 1000],
    ...overrides,
  });
  const current = () => {
    const child = processes.at(-1);
    if (child === undefined) throw new Error('No backend process was started.');
    return child;
  };
  return { host, processes, events, fatal, logger, current };
}

/** The ids of the invoke messages main sent to `child`, in order. */
function invokeIds(child: FakeUtilityProcess): number[] {
  return child.received.flatMap((m) =>
    typeof m === 'object' && m !== null && 'id' in m && typeof m.id === 'number' ? [m.id] : [],
  );
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('backend host', () => {
  it('starts the backend process and tells it where the data lives', () => {
    const { processes } = setup();
    expect(processes).toHaveLength(1);
    expect(processes[0]?.received).toEqual([{ type: 'init', dataDir: '/data/rapport' }]);
  });

  it('matches each answer to its call, whatever order the answers come in', async () => {
    const { host, current } = setup();
    const first = host.invoke('clients.get', { id: 'a' });
    const second = host.invoke('clients.list', {});
    const [firstId, secondId] = invokeIds(current());
    expect(current().received.slice(1)).toEqual([
      { type: 'invoke', id: firstId, method: 'clients.get', input: { id: 'a' } },
      { type: 'invoke', id: secondId, method: 'clients.list', input: {} },
    ]);
    current().reply({ type: 'result', id: secondId, envelope: { ok: true, value: 'list' } });
    current().reply({
      type: 'result',
      id: firstId,
      envelope: { ok: false, error: { code: 'not_found', message: 'No such client.' } },
    });
    expect(await first).toEqual({ ok: false, error: { code: 'not_found', message: 'No such client.' } });
    expect(await second).toEqual({ ok: true, value: 'list' });
  });

  it('answers calls in flight with `unavailable` when the process dies, then restarts it', async () => {
    const { host, processes, current } = setup();
    const pending = [
      host.invoke('clients.create', { name: 'Acme', kind: 'company' }),
      host.invoke('clients.list', {}),
    ];
    current().exit(1);
    for (const envelope of await Promise.all(pending)) {
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    expect(await host.invoke('clients.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    vi.advanceTimersByTime(100);
    expect(processes).toHaveLength(2);
    expect(current().received).toEqual([{ type: 'init', dataDir: '/data/rapport' }]);
  });

  it('gives up after repeated crashes and reports that the app cannot work', () => {
    const { processes, fatal, current } = setup();
    current().exit(1);
    vi.advanceTimersByTime(100);
    current().exit(1);
    vi.advanceTimersByTime(1000);
    current().exit(1);
    vi.advanceTimersByTime(60_000);
    expect(processes).toHaveLength(3);
    expect(fatal).toEqual([expect.objectContaining({ code: 'unavailable' })]);
  });

  it('starts counting crashes anew after a process ran healthily for a while', () => {
    let now = 0;
    const { processes, fatal, current } = setup({ now: () => now, healthyAfterMs: 10_000 });
    for (let round = 0; round < 5; round++) {
      current().reply({ type: 'ready' });
      now += 20_000;
      current().exit(1);
      vi.advanceTimersByTime(100);
    }
    expect(processes).toHaveLength(6);
    expect(fatal).toEqual([]);
  });

  it('forwards backend events that match their schema, and drops the rest', () => {
    const { events, logger, current } = setup();
    current().reply({
      type: 'event',
      event: { event: 'data.changed', payload: { entity: 'client', ids: ['c1'] } },
    });
    current().reply({ type: 'event', event: { event: 'data.changed', payload: { entity: 42 } } });
    current().reply({ type: 'event', event: { event: 'shell.exec', payload: {} } });
    expect(events).toEqual([{ event: 'data.changed', payload: { entity: 'client', ids: ['c1'] } }]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('ignores malformed messages without failing the calls waiting for answers', async () => {
    const { host, current } = setup();
    const call = host.invoke('clients.list', {});
    const [id] = invokeIds(current());
    for (const junk of [
      null,
      'ready',
      { type: 'result' },
      { type: 'result', id, envelope: { ok: 'yes' } },
      { type: 'nonsense' },
    ]) {
      expect(() => current().reply(junk)).not.toThrow();
    }
    current().reply({ type: 'result', id, envelope: { ok: true, value: [] } });
    expect(await call).toEqual({ ok: true, value: [] });
  });

  it('reports a database that cannot be opened instead of restarting in a loop', () => {
    const { processes, fatal, current } = setup();
    const error = {
      code: 'unavailable',
      message: 'This database was made by a newer Rapport. Update the app.',
    } as const;
    current().reply({ type: 'fatal', error });
    expect(fatal).toEqual([error]);
    expect(processes).toHaveLength(1);
  });

  it('on stop, lets the backend close the database, then ends the process for good', async () => {
    const { host, processes, current } = setup();
    const child = current();
    const stopping = host.stop();
    expect(child.received.at(-1)).toEqual({ type: 'close' });
    expect(child.killed).toBe(false);
    child.reply({ type: 'closed' });
    await stopping;
    expect(child.killed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(processes).toHaveLength(1);
    expect(await host.invoke('clients.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('on stop, kills a backend that does not answer in time', async () => {
    const { host, current } = setup({ stopTimeoutMs: 500 });
    const stopping = host.stop();
    vi.advanceTimersByTime(500);
    await stopping;
    expect(current().killed).toBe(true);
  });
});
