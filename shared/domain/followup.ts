import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { DateOnly, DateTime, TimeZone } from './fields.ts';
import { recordMeta } from './record.ts';
import { inputsOf, outputsOf } from '../entities/define.ts';
import { followupEntity, followupPriorities, followupStatuses } from '../entities/entities.ts';

export const FollowupPriority = z.enum(followupPriorities);
export const FollowupStatus = z.enum(followupStatuses);

/**
 * When it is due: `dueAt` (a moment) or `dueOn` (a whole day, all-day). An all-day follow-up is stored as
 * the midnight that starts `dueOn` in `timeZone` (default UTC), so "due today" windows computed by the UI
 * in the user's zone include it on the right day.
 */
const dueFields = {
  dueAt: DateTime.optional(),
  dueOn: DateOnly.optional(),
  timeZone: TimeZone.optional(),
};

/** The fields of a follow-up a user sets directly; when it is due comes as `dueFields`. */
const {
  dueAt: _dueAt,
  allDay: _allDay,
  status: _status,
  completedAt: _completedAt,
  ...followupFields
} = inputsOf(followupEntity);

export const Followup = z.object({ ...recordMeta, ...outputsOf(followupEntity) });
export type Followup = z.infer<typeof Followup>;

const oneDue = (input: { dueAt?: string | undefined; dueOn?: string | undefined }) =>
  (input.dueAt === undefined) !== (input.dueOn === undefined);
const oneDueMessage = { message: 'Give either a due time (dueAt) or a due day (dueOn).', path: ['dueAt'] };

export const FollowupCreateInput = z
  .strictObject({ ...followupFields, ...dueFields, priority: FollowupPriority.default('normal') })
  .partial({ contactId: true, interactionId: true, dealId: true, notes: true, assigneeId: true })
  .refine(oneDue, oneDueMessage);

export const FollowupUpdateInput = z
  .strictObject({ id: Id, ...followupFields, ...dueFields })
  .partial()
  .required({ id: true })
  .refine((input) => input.dueAt === undefined || input.dueOn === undefined, oneDueMessage);

export const FollowupRescheduleInput = z.strictObject({ id: Id, ...dueFields }).refine(oneDue, oneDueMessage);

export const FollowupListInput = PageRequest.extend({ clientId: Id, status: FollowupStatus.optional() });

/**
 * Open follow-ups due in [from, to), earliest first. The UI computes the windows in the user's time zone:
 * overdue = (none, start of today), today = [start of today, start of tomorrow), upcoming = [start of
 * tomorrow, some days later).
 */
export const FollowupDueInput = PageRequest.extend({
  from: DateTime.optional(),
  to: DateTime,
  assigneeId: Id.optional(),
});

export const DueFollowup = Followup.extend({ clientName: z.string(), contactName: z.string().nullable() });
export type DueFollowup = z.infer<typeof DueFollowup>;
export const FollowupPage = pageOf(Followup);
export const DueFollowupPage = pageOf(DueFollowup);

/** How many open follow-ups are past their due time: the number on the window title and the dock. */
export const OverdueCount = z.object({ count: z.number().int() });
