import { ById, NoInput } from '../../domain/common.ts';
import {
  DueFollowupPage,
  Followup,
  FollowupCreateInput,
  FollowupDueInput,
  FollowupListInput,
  FollowupPage,
  FollowupRescheduleInput,
  FollowupUpdateInput,
  OverdueCount,
} from '../../domain/followup.ts';
import {
  Interaction,
  InteractionLogInput,
  InteractionLogResult,
  InteractionTimeline,
  InteractionTimelineInput,
  InteractionUpdateInput,
  RecentInteractionPage,
  RecentInteractionsInput,
} from '../../domain/interaction.ts';
import type { MethodSpec } from '../method-spec.ts';

/** The history of dealings and what to do next: interactions.* and followups.*. */
export const interactionMethods = {
  /** Log a call, meeting, visit, email, message or note; a `nextStep` creates its follow-up in the same step. */
  'interactions.log': { input: InteractionLogInput, output: InteractionLogResult },
  'interactions.get': { input: ById, output: Interaction, readOnly: true },
  'interactions.update': { input: InteractionUpdateInput, output: Interaction },
  'interactions.delete': { input: ById, output: Interaction },
  'interactions.restore': { input: ById, output: Interaction },
  /** The dealings with one client, contact or deal, newest first. */
  'interactions.timeline': { input: InteractionTimelineInput, output: InteractionTimeline, readOnly: true },
  /** The newest interactions with any client, newest first (the Today screen). */
  'interactions.recent': { input: RecentInteractionsInput, output: RecentInteractionPage, readOnly: true },
  /** How many open follow-ups are overdue now. */
  'followups.overdueCount': { input: NoInput, output: OverdueCount, readOnly: true },
  'followups.create': { input: FollowupCreateInput, output: Followup },
  'followups.get': { input: ById, output: Followup, readOnly: true },
  /** A client's follow-ups by due time, optionally of one status. */
  'followups.list': { input: FollowupListInput, output: FollowupPage, readOnly: true },
  'followups.update': { input: FollowupUpdateInput, output: Followup },
  /** Mark done (now); completing a done follow-up changes nothing. */
  'followups.complete': { input: ById, output: Followup },
  'followups.reopen': { input: ById, output: Followup },
  'followups.cancel': { input: ById, output: Followup },
  /** Move the due time (or day) of a follow-up. */
  'followups.reschedule': { input: FollowupRescheduleInput, output: Followup },
  'followups.delete': { input: ById, output: Followup },
  'followups.restore': { input: ById, output: Followup },
  /** Open follow-ups due in a window, earliest first, with client and contact names (Today, reminders). */
  'followups.listDue': { input: FollowupDueInput, output: DueFollowupPage, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
