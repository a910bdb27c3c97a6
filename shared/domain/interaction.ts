import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { DateOnly, DateTime, TimeZone, optionalText, requiredText } from './fields.ts';
import { Followup, FollowupPriority } from './followup.ts';
import { recordMeta } from './record.ts';
import { createShapeOf, outputsOf, updateShapeOf } from '../entities/define.ts';
import { directions, interactionEntity, interactionKinds } from '../entities/entities.ts';

export { interactionKinds };
export const InteractionKind = z.enum(interactionKinds);
export const Direction = z.enum(directions);

/** The outcome codes offered for a call until the team edits the list. */
export const defaultCallOutcomes = [
  'reached',
  'no_answer',
  'left_message',
  'busy',
  'wrong_number',
  'callback_requested',
] as const;

export const Interaction = z.object({ ...recordMeta, ...outputsOf(interactionEntity) });
export type Interaction = z.infer<typeof Interaction>;

/**
 * The next step of a logged call: a follow-up created in the same transaction. `dueAt` is a moment;
 * `dueOn` a whole day (all-day, see FollowupCreateInput). The title defaults to the interaction's summary.
 */
export const NextStep = z
  .strictObject({
    title: requiredText(200, 'Enter what to do next.').optional(),
    dueAt: DateTime.optional(),
    dueOn: DateOnly.optional(),
    timeZone: TimeZone.optional(),
    assigneeId: Id.nullable().optional(),
    priority: FollowupPriority.optional(),
    notes: optionalText(20_000).optional(),
  })
  .refine((step) => (step.dueAt === undefined) !== (step.dueOn === undefined), {
    message: 'Give the next step either a due time (dueAt) or a due day (dueOn).',
    path: ['dueAt'],
  });

export const InteractionLogInput = z.strictObject({
  ...createShapeOf(interactionEntity),
  nextStep: NextStep.optional(),
});

export const InteractionLogResult = z.object({ interaction: Interaction, followup: Followup.nullable() });

export const InteractionUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(interactionEntity) });

/** The dealings with one client, contact or deal, newest first. */
export const InteractionTimelineInput = PageRequest.extend({
  clientId: Id.optional(),
  contactId: Id.optional(),
  dealId: Id.optional(),
}).refine((input) => [input.clientId, input.contactId, input.dealId].filter(Boolean).length === 1, {
  message: 'Give exactly one of clientId, contactId or dealId.',
  path: ['clientId'],
});

export const TimelineItem = Interaction.extend({
  /** Follow-ups this interaction created as its next step. */
  followupIds: z.array(Id),
});
export const InteractionTimeline = pageOf(TimelineItem);

/** The newest interactions with every client, for the Today screen. */
export const RecentInteractionsInput = PageRequest;
export const RecentInteraction = Interaction.extend({
  clientName: z.string(),
  contactName: z.string().nullable(),
});
export const RecentInteractionPage = pageOf(RecentInteraction);
