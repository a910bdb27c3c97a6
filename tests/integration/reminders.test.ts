import { describe, expect, it } from 'vitest';
import type { Timers } from '../../db/reminders/scheduler.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

/** A clock and timers that move only when the test says so. */
function fakeTime(start: string) {
  let now = Date.parse(start);
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const api: Timers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((t) => t.id !== handle);
    },
  };
  return {
    now: () => new Date(now),
    timers: api,
    /** Moves the clock, firing each timer at its time, in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = Math.max(now, due.at);
        due.callback();
      }
      now = end;
    },
  };
}

const MINUTE = 60_000;

async function setup(start: string, dataDir = tempDir()) {
  const time = fakeTime(start);
  const opened = await openTestBackend(dataDir, { now: time.now, timers: time.timers });
  const events: BackendEvent[] = [];
  opened.backend.subscribe((event) => events.push(event));
  const due = () => events.filter((e) => e.event === 'reminders.due').map((e) => e.payload);
  return { ...opened, time, due, dataDir };
}

describe('reminders', () => {
  it('fire when a follow-up comes due, offline, and can be snoozed and dismissed', async () => {
    const { api, time, due } = await setup('2026-11-23T09:00:00Z');
    const client = await api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
    const followup = await api.call('followups.create', {
      clientId: client.id,
      title: 'Call back',
      dueAt: '2026-11-23T09:30:00Z',
    });
    time.advance(29 * MINUTE);
    expect(due()).toEqual([]);
    time.advance(1 * MINUTE);
    expect(due()).toEqual([{ count: 1, missed: 0 }]);
    const [reminder] = (await api.call('reminders.list', {})).items;
    expect(reminder).toMatchObject({ followupId: followup.id, clientName: 'Qazaq Agro', missed: false });

    // Snoozed for 10 minutes: gone now, back after 10 minutes.
    const snoozed = await api.call('reminders.snooze', {
      followupId: followup.id,
      until: '2026-11-23T09:40:00Z',
    });
    expect(snoozed.items).toEqual([]);
    time.advance(10 * MINUTE);
    expect(due()).toHaveLength(2);
    expect((await api.call('reminders.list', {})).items.map((r) => r.remindAt)).toEqual([
      '2026-11-23T09:40:00.000Z',
    ]);

    await api.call('reminders.dismiss', { followupId: followup.id });
    expect((await api.call('reminders.list', {})).items).toEqual([]);
    // Rescheduling reminds again at the new time.
    await api.call('followups.reschedule', { id: followup.id, dueAt: '2026-11-23T11:00:00Z' });
    time.advance(90 * MINUTE);
    expect((await api.call('reminders.list', {})).items).toHaveLength(1);
    // Done: no more reminder.
    await api.call('followups.complete', { id: followup.id });
    expect((await api.call('reminders.list', {})).items).toEqual([]);
    const past = await appErrorOf(
      api.call('reminders.snooze', { followupId: followup.id, until: '2026-11-23T08:00:00Z' }),
    );
    expect(past.code).toBe('validation');
  });

  it('shows at the next start what came due while the app was closed, as missed', async () => {
    const first = await setup('2026-11-23T09:00:00Z');
    const client = await first.api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
    await first.api.call('followups.create', {
      clientId: client.id,
      title: 'Send quote',
      dueAt: '2026-11-23T18:00:00Z',
    });
    first.backend.close();

    // The next morning: the app starts and reports at once.
    const next = await setup('2026-11-24T08:00:00Z', first.dataDir);
    await new Promise((done) => setImmediate(done));
    const items = (await next.api.call('reminders.list', {})).items;
    expect(items).toEqual([expect.objectContaining({ title: 'Send quote', missed: true })]);
  });
});
