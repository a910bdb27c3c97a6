import type { Logger } from '../logger.ts';
import type { Db } from '../sql.ts';
import { nextReminderAt, overdueCount, pendingReminders } from './reminders.ts';

/** Timers, injectable so tests drive the scheduler with a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Checks again at least this often, so that a clock change, a laptop waking from sleep or a follow-up
 * created through sync is noticed within a minute even if no timer was due.
 */
const RECHECK_MS = 60 * 1000;

export interface ReminderSchedulerOptions {
  db: Db;
  now: () => Date;
  timers: Timers;
  logger: Logger;
  /** Called with the number of pending reminders whenever new ones came due. */
  onDue(count: number, missed: number): void;
  /** Called with the number of overdue follow-ups when it changes (and once at start). */
  onOverdue?(count: number): void;
}

export interface ReminderScheduler {
  /** Re-plans at once: call after a write that may change what is due (create, reschedule, snooze). */
  poke(): void;
  stop(): void;
}

/**
 * Raises `onDue` when follow-ups come due, also offline: it needs only the local database and a timer.
 * On start it reports at once what came due while the app was closed.
 */
export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  let handle: unknown = null;
  let stopped = false;
  let announced = new Set<string>();
  let lastOverdue: number | null = null;

  const check = () => {
    handle = null;
    if (stopped) return;
    try {
      const now = options.now();
      const pending = pendingReminders(options.db, now);
      const keys = new Set(pending.map((r) => `${r.followupId}@${r.remindAt}`));
      const fresh = [...keys].filter((key) => !announced.has(key));
      announced = keys;
      if (fresh.length > 0) options.onDue(pending.length, pending.filter((r) => r.missed).length);
      const overdue = overdueCount(options.db, now);
      if (overdue !== lastOverdue) {
        lastOverdue = overdue;
        options.onOverdue?.(overdue);
      }
      const next = nextReminderAt(options.db, now);
      const wait =
        next === null ? RECHECK_MS : Math.min(RECHECK_MS, Math.max(0, next.getTime() - now.getTime()));
      handle = options.timers.setTimeout(check, wait);
    } catch (error) {
      options.logger.error('reminder check failed', { error: String(error) });
      handle = options.timers.setTimeout(check, RECHECK_MS);
    }
  };

  check();
  return {
    poke() {
      if (stopped) return;
      if (handle !== null) options.timers.clearTimeout(handle);
      check();
    },
    stop() {
      stopped = true;
      if (handle !== null) options.timers.clearTimeout(handle);
    },
  };
}
