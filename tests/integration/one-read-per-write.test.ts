import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

/** Counts how often statements whose SQL matches `pattern` are run, in this process. */
function countRuns(pattern: RegExp) {
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { get: (...args: unknown[]) => unknown };
  probe.close();
  const original = proto.get;
  const counter = { runs: 0 };
  proto.get = function (this: { source: string }, ...args: unknown[]) {
    if (pattern.test(this.source)) counter.runs++;
    return original.apply(this, args);
  };
  afterEach(() => {
    proto.get = original;
  });
  return counter;
}

describe('a write', () => {
  it('reads the record it changes once: editing a call checks, writes and answers from one read', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const client = await api.call('clients.create', { name: 'Altyn Foods', kind: 'company' });
    const call = await api.call('interactions.log', { clientId: client.id, kind: 'call', summary: 'First' });
    const reads = countRuns(/^SELECT \* FROM "interaction" WHERE id = \?$/);
    const updated = await api.call('interactions.update', { id: call.interaction.id, summary: 'Second' });
    expect(updated.summary).toBe('Second');
    expect(reads.runs).toBe(1);
    // And the answer is the record as stored afterwards, rollups included.
    expect(await api.call('interactions.get', { id: call.interaction.id })).toEqual(updated);
  });
});
