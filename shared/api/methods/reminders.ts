import { NoInput } from '../../domain/common.ts';
import { ReminderDismissInput, ReminderList, ReminderSnoozeInput } from '../../domain/reminder.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Reminders of follow-ups that came due (reminders.*); the backend announces new ones with `reminders.due`. */
export const reminderMethods = {
  /** The reminders due now, newest first, including those missed while the app was closed. */
  'reminders.list': { input: NoInput, output: ReminderList, readOnly: true },
  /** Remind again later; the follow-up keeps its due time. */
  'reminders.snooze': { input: ReminderSnoozeInput, output: ReminderList },
  /** Stop reminding of this follow-up for its current due time; it stays open. */
  'reminders.dismiss': { input: ReminderDismissInput, output: ReminderList },
} as const satisfies Record<string, MethodSpec>;
