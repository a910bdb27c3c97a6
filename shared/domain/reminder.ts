import { z } from 'zod';
import { Id } from './common.ts';
import { DateTime } from './fields.ts';

export const Reminder = z.object({
  followupId: Id,
  clientId: Id,
  clientName: z.string(),
  title: z.string(),
  dueAt: z.string(),
  /** When it should have been shown: its due time, or the end of its snooze. */
  remindAt: z.string(),
  /** It came due while Rapport was closed or the laptop slept: shown as "missed while away". */
  missed: z.boolean(),
});
export type Reminder = z.infer<typeof Reminder>;

export const ReminderList = z.object({ items: z.array(Reminder) });

/** Snooze a reminder until a moment (the UI offers 10 minutes, 1 hour, tomorrow morning). */
export const ReminderSnoozeInput = z.strictObject({ followupId: Id, until: DateTime });
export const ReminderDismissInput = z.strictObject({ followupId: Id });
