import { describe, expect, it } from 'vitest';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

describe('Insights: minutes spent, kept up to date after every kind of change', () => {
  it('counts again exactly the clients whose interactions changed since the last answer', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const a = (await api.call('clients.create', { name: 'Alpha', kind: 'company' })).id;
    const b = (await api.call('clients.create', { name: 'Bravo', kind: 'company' })).id;
    const log = async (clientId: string, minutes: number, at: string) =>
      (
        await api.call('interactions.log', {
          clientId,
          kind: 'call',
          occurredAt: at,
          durationS: minutes * 60,
        })
      ).interaction.id;
    const minutes = async () => {
      const page = await api.call('analytics.clients', { period: PERIOD, sort: 'name', direction: 'asc' });
      return Object.fromEntries(page.items.map((item) => [item.name, item.interactionMinutes]));
    };
    const first = await log(a, 30, '2026-02-01T10:00:00.000Z');
    await log(b, 10, '2026-03-01T10:00:00.000Z');
    // Outside the period.
    await log(b, 500, '2025-12-31T23:59:59.000Z');
    expect(await minutes()).toEqual({ Alpha: 30, Bravo: 10 });

    const second = await log(a, 15, '2026-06-30T23:59:59.000Z');
    expect(await minutes()).toEqual({ Alpha: 45, Bravo: 10 });

    // Moved to another client: both are counted again.
    await api.call('interactions.update', { id: first, clientId: b });
    expect(await minutes()).toEqual({ Alpha: 15, Bravo: 40 });

    // Re-dated out of the period, then deleted, then brought back by undo.
    await api.call('interactions.update', { id: second, occurredAt: '2026-07-01T00:00:00.000Z' });
    expect(await minutes()).toEqual({ Alpha: 0, Bravo: 40 });
    await api.call('interactions.delete', { id: first });
    expect(await minutes()).toEqual({ Alpha: 0, Bravo: 10 });
    await api.call('history.undo', {});
    expect(await minutes()).toEqual({ Alpha: 0, Bravo: 40 });

    // A longer call: its duration changed.
    await api.call('interactions.update', { id: first, durationS: 50 * 60 });
    expect(await minutes()).toEqual({ Alpha: 0, Bravo: 60 });

    // Another period is counted on its own, and both stay right.
    const whole = await api.call('analytics.clients', {
      period: { from: '2025-01-01', to: '2026-12-31' },
      sort: 'name',
      direction: 'asc',
    });
    expect(whole.items.map((item) => item.interactionMinutes)).toEqual([15, 560]);
    expect(await minutes()).toEqual({ Alpha: 0, Bravo: 60 });
  });
});
