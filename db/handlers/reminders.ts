import { AppError } from '../../shared/api/errors.ts';
import { dismissReminder, pendingReminders, snoozeReminder } from '../reminders/reminders.ts';
import type { HandlerContext, Handlers } from './context.ts';
import { requireLive } from './crud.ts';

/** Reminders of follow-ups that came due. */
export const reminderHandlers = {
  'reminders.list': (_input, ctx) => ({ items: pendingReminders(ctx.db, ctx.now()) }),
  'reminders.snooze': ({ followupId, until }, ctx) => {
    const dueAt = openDueAt(ctx, followupId);
    if (until <= ctx.now().toISOString()) {
      const message = 'Snooze until a time in the future.';
      throw new AppError('validation', `Check the input — until: ${message}`, {
        issues: [{ path: 'until', rule: 'dateOrder', message }],
      });
    }
    snoozeReminder(ctx.db, followupId, dueAt, new Date(until));
    ctx.emit('data.changed', { entity: 'reminder', ids: [followupId] });
    return { items: pendingReminders(ctx.db, ctx.now()) };
  },
  'reminders.dismiss': ({ followupId }, ctx) => {
    dismissReminder(ctx.db, followupId, openDueAt(ctx, followupId), ctx.now());
    ctx.emit('data.changed', { entity: 'reminder', ids: [followupId] });
    return { items: pendingReminders(ctx.db, ctx.now()) };
  },
} satisfies Pick<Handlers, 'reminders.list' | 'reminders.snooze' | 'reminders.dismiss'>;

function openDueAt(ctx: HandlerContext, followupId: string): string {
  return requireLive(ctx, 'followup', followupId, 'followupId', 'follow-up').due_at;
}
