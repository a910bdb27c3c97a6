import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { DateOnly, DateTime, TimeZone, optionalText, requiredText } from './fields.ts';
import { Followup, FollowupPriority } from './followup.ts';
import { recordMeta } from './record.ts';

export const interactionKinds = ['call', 'meeting', 'visit', 'email', 'message', 'note'] as const;
export const InteractionKind = z.enum(interactionKinds);
export const Direction = z.enum(['inbound', 'outbound']);

/** The outcome codes offered for a call until the team edits the list. */
export const defaultCallOutcomes = [
  'reached',
  'no_answer',
  'left_message',
  'busy',
  'wrong_number',
  'callback_requested',
] as const;

/** An outcome code: a lowercase slug, so the team can add its own. */
const Outcome = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Use a code of lowercase letters, digits and _ (at most 40).' })
  .nullable();

const DAY_SECONDS = 24 * 60 * 60;

const interactionFields = {
  clientId: Id,
  contactId: Id.nullable(),
  /** The team member who had the interaction; defaults to the signed-in user. */
  userId: Id.nullable(),
  dealId: Id.nullable(),
  kind: InteractionKind,
  direction: Direction.nullable(),
  /** When it happened; defaults to now. */
  occurredAt: DateTime,
  durationS: z
    .number()
    .int({ message: 'Enter whole seconds.' })
    .min(0, { message: 'At least 0.' })
    .max(DAY_SECONDS, { message: 'At most 24 hours.' })
    .nullable(),
  outcome: Outcome,
  summary: optionalText(500),
  body: optionalText(20_000),
};

export const Interaction = z.object({
  ...recordMeta,
  clientId: Id,
  contactId: Id.nullable(),
  userId: Id.nullable(),
  dealId: Id.nullable(),
  kind: InteractionKind,
  direction: Direction.nullable(),
  occurredAt: z.string(),
  durationS: z.number().nullable(),
  outcome: z.string().nullable(),
  summary: z.string().nullable(),
  body: z.string().nullable(),
});
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

export const InteractionLogInput = z
  .strictObject({ ...interactionFields, nextStep: NextStep.optional() })
  .partial()
  .required({ clientId: true, kind: true });

export const InteractionLogResult = z.object({ interaction: Interaction, followup: Followup.nullable() });

export const InteractionUpdateInput = z
  .strictObject({ id: Id, ...interactionFields })
  .partial()
  .required({ id: true });

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
