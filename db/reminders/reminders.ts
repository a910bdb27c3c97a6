import type { Db, ReadDb } from '../sql.ts';

/**
 * Reminders of follow-ups coming due. A follow-up reminds once its due time has come, unless its reminder
 * was dismissed for that due time or is snoozed until later; rescheduling it (a new due time) makes it
 * remind again. Local to this laptop: reminder state is not synced.
 */

/** Reminders older than this are not raised any more: the Today list shows them as overdue. */
const REMINDER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** A reminder raised later than this after it came due was missed (the app was closed or asleep). */
const MISSED_AFTER_MS = 60 * 1000;

export interface PendingReminder {
  followupId: string;
  clientId: string;
  clientName: string;
  title: string;
  dueAt: string;
  /** When it should have been shown: its due time, or the end of its snooze. */
  remindAt: string;
  /** It came due while Rapport was closed or the laptop slept ("missed while away"). */
  missed: boolean;
}

/** The reminders due now, most recent first (index followup_open_by_due over the window). */
export function pendingReminders(db: ReadDb, now: Date, limit = 50): PendingReminder[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.client_id, c.name AS client_name, f.title, f.due_at, s.snoozed_until
       FROM followup f JOIN client c ON c.id = f.client_id
         LEFT JOIN reminder_state s ON s.followup_id = f.id AND s.due_at = f.due_at
       WHERE f.deleted_at IS NULL AND f.status = 'open' AND f.due_at <= @now AND f.due_at > @since
         AND c.deleted_at IS NULL
         AND (s.followup_id IS NULL OR (s.dismissed_at IS NULL AND (s.snoozed_until IS NULL OR s.snoozed_until <= @now)))
       ORDER BY f.due_at DESC, f.id LIMIT @limit`,
    )
    .all({
      now: now.toISOString(),
      since: new Date(now.getTime() - REMINDER_WINDOW_MS).toISOString(),
      limit,
    }) as {
    id: string;
    client_id: string;
    client_name: string;
    title: string;
    due_at: string;
    snoozed_until: string | null;
  }[];
  return rows.map((row) => {
    const remindAt = row.snoozed_until ?? row.due_at;
    return {
      followupId: row.id,
      clientId: row.client_id,
      clientName: row.client_name,
      title: row.title,
      dueAt: row.due_at,
      remindAt,
      missed: now.getTime() - Date.parse(remindAt) > MISSED_AFTER_MS,
    };
  });
}

/** The next moment a reminder comes due after `now`: a due time or the end of a snooze; null if none. */
export function nextReminderAt(db: Db, now: Date): Date | null {
  const iso = now.toISOString();
  const due = db
    .prepare(
      `SELECT min(due_at) AS at FROM followup WHERE deleted_at IS NULL AND status = 'open' AND due_at > ?`,
    )
    .get(iso) as { at: string | null };
  const snooze = db
    .prepare('SELECT min(snoozed_until) AS at FROM reminder_state WHERE snoozed_until > ?')
    .get(iso) as { at: string | null };
  const times = [due.at, snooze.at].filter((at): at is string => at !== null).sort();
  return times[0] ? new Date(times[0]) : null;
}

function upsertState(
  db: Db,
  followupId: string,
  dueAt: string,
  fields: { dismissed_at: string | null; snoozed_until: string | null },
): void {
  db.prepare(
    `INSERT INTO reminder_state (followup_id, due_at, dismissed_at, snoozed_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (followup_id) DO UPDATE SET due_at = excluded.due_at, dismissed_at = excluded.dismissed_at,
       snoozed_until = excluded.snoozed_until`,
  ).run(followupId, dueAt, fields.dismissed_at, fields.snoozed_until);
}

/** Snoozes the reminder of a follow-up for its current due time. */
export function snoozeReminder(db: Db, followupId: string, dueAt: string, until: Date): void {
  upsertState(db, followupId, dueAt, { dismissed_at: null, snoozed_until: until.toISOString() });
}

/** Dismisses the reminder of a follow-up for its current due time; the follow-up stays open. */
export function dismissReminder(db: Db, followupId: string, dueAt: string, now: Date): void {
  upsertState(db, followupId, dueAt, { dismissed_at: now.toISOString(), snoozed_until: null });
}

/**
 * Open follow-ups of live clients past their due time. One due on a whole day (all-day) is overdue only
 * once that day is over. Counted from the index followup_open_by_due alone (no row is read for those
 * due more than a day ago), minus those of deleted clients (few; index client_deleted): the window title
 * asks for this every minute, at any number of follow-ups.
 */
export function overdueCount(db: ReadDb, now: Date): number {
  const row = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM followup WHERE deleted_at IS NULL AND status = 'open' AND due_at <= @dayAgo)
       + (SELECT count(*) FROM followup WHERE deleted_at IS NULL AND status = 'open'
            AND due_at > @dayAgo AND due_at < @now AND all_day = 0)
       - (SELECT count(*) FROM client AS c INDEXED BY client_deleted CROSS JOIN followup AS f ON f.client_id = c.id
            WHERE c.deleted_at IS NOT NULL AND f.deleted_at IS NULL AND f.status = 'open' AND f.due_at < @now
              AND (f.all_day = 0 OR f.due_at <= @dayAgo)) AS n`,
    )
    .get({ now: now.toISOString(), dayAgo: new Date(now.getTime() - 86_400_000).toISOString() }) as {
    n: number;
  };
  return row.n;
}
