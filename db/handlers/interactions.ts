import { AppError } from '../../shared/api/errors.ts';
import type { z } from 'zod';
import type { DueFollowupPage, FollowupRescheduleInput } from '../../shared/domain/followup.ts';
import type { Interaction } from '../../shared/domain/interaction.ts';
import { startOfDayIn } from '../../shared/time.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { overdueCount } from '../reminders/reminders.ts';
import type { FieldValue, RowOf } from '../records/synced-tables.ts';
import {
  createRecord,
  deleteRecord,
  listPage,
  liveRecord,
  requireLive,
  requireOfClient,
  restoreRecord,
  toRecords,
  updateRecord,
} from './crud.ts';
import type { HandlerContext, Handlers, ReadContext } from './context.ts';
import { followupDef, interactionDef } from './entities.ts';

type Due = Omit<z.output<typeof FollowupRescheduleInput>, 'id'>;

/** The interactions and follow-ups API: the history of dealings and what to do next. */
export const interactionHandlers = {
  'interactions.log': ({ nextStep, ...fields }, ctx) => {
    checkInteractionRefs(ctx, fields.clientId, fields);
    const interaction = createRecord(ctx, interactionDef, {
      ...fields,
      userId: fields.userId === undefined ? ctx.actor.userId : fields.userId,
      direction: fields.kind === 'note' ? null : fields.direction,
      occurredAt: fields.occurredAt ?? ctx.now().toISOString(),
    });
    if (!nextStep) return { interaction, followup: null };
    const title = nextStep.title ?? fields.summary;
    if (!title) {
      const message = 'Say what to do next, or give the interaction a summary.';
      throw new AppError('validation', `Check the input — nextStep.title: ${message}`, {
        issues: [{ path: 'nextStep.title', rule: 'too_small', message }],
      });
    }
    const { dueAt, dueOn, timeZone, ...step } = nextStep;
    if (step.assigneeId)
      requireLive(ctx, 'team_member', step.assigneeId, 'nextStep.assigneeId', 'team member');
    const followup = createRecord(ctx, followupDef, {
      ...step,
      ...dueColumns({ dueAt, dueOn, timeZone }),
      title,
      clientId: interaction.clientId,
      contactId: interaction.contactId,
      dealId: interaction.dealId,
      interactionId: interaction.id,
      priority: step.priority ?? 'normal',
      status: 'open',
    });
    return { interaction, followup };
  },
  'interactions.get': ({ id }, ctx) => liveRecord(ctx, interactionDef, id),
  'interactions.update': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, interactionDef, id);
    checkInteractionRefs(ctx, fields.clientId ?? current.clientId, {
      clientId: fields.clientId,
      contactId:
        fields.contactId === undefined && fields.clientId !== undefined
          ? current.contactId
          : fields.contactId,
      dealId: fields.dealId === undefined && fields.clientId !== undefined ? current.dealId : fields.dealId,
      userId: fields.userId,
    });
    return updateRecord(ctx, interactionDef, id, fields);
  },
  'interactions.delete': ({ id }, ctx) => deleteRecord(ctx, interactionDef, id),
  'interactions.restore': ({ id }, ctx) => restoreRecord(ctx, interactionDef, id),
  'interactions.timeline': ({ clientId, contactId, dealId, after, limit }, ctx) => {
    const [column, id, table, noun] = clientId
      ? (['client_id', clientId, 'client', 'client'] as const)
      : contactId
        ? (['contact_id', contactId, 'contact', 'contact'] as const)
        : (['deal_id', dealId ?? '', 'deal', 'deal'] as const);
    requireLive(ctx, table, id, `${table}Id`, noun);
    const page = listPage(ctx, interactionDef, {
      where: [[column, '=', id]],
      order: [
        ['occurred_at', 'desc'],
        ['id', 'desc'],
      ],
      after,
      limit,
    });
    const followups = ctx.db.prepare(
      'SELECT id FROM followup WHERE interaction_id = ? AND deleted_at IS NULL ORDER BY due_at, id',
    );
    return {
      items: page.items.map((item: Interaction) => ({
        ...item,
        followupIds: (followups.all(item.id) as { id: string }[]).map((row) => row.id),
      })),
      nextCursor: page.nextCursor,
    };
  },

  'interactions.recent': ({ after, limit }, ctx) => {
    const page = listPage(ctx, interactionDef, {
      where: [],
      order: [
        ['occurred_at', 'desc'],
        ['id', 'desc'],
      ],
      after,
      limit,
    });
    const names = ctx.db.prepare(
      `SELECT c.name AS client_name, ct.name AS contact_name FROM client c
       LEFT JOIN contact ct ON ct.id = ? WHERE c.id = ?`,
    );
    return {
      items: page.items.map((item: Interaction) => {
        const row = names.get(item.contactId, item.clientId) as
          { client_name: string; contact_name: string | null } | undefined;
        return { ...item, clientName: row?.client_name ?? '', contactName: row?.contact_name ?? null };
      }),
      nextCursor: page.nextCursor,
    };
  },

  'followups.overdueCount': (_input, ctx) => ({ count: overdueCount(ctx.db, ctx.now()) }),

  'followups.create': ({ dueAt, dueOn, timeZone, ...fields }, ctx) => {
    checkFollowupRefs(ctx, fields.clientId, fields);
    return createRecord(ctx, followupDef, {
      ...fields,
      ...dueColumns({ dueAt, dueOn, timeZone }),
      status: 'open',
    });
  },
  'followups.get': ({ id }, ctx) => liveRecord(ctx, followupDef, id),
  'followups.list': ({ clientId, status, after, limit }, ctx) => {
    requireLive(ctx, 'client', clientId, 'clientId', 'client');
    return listPage(ctx, followupDef, {
      where: status
        ? [
            ['client_id', '=', clientId],
            ['status', '=', status],
          ]
        : [['client_id', '=', clientId]],
      order: [
        ['due_at', 'asc'],
        ['id', 'asc'],
      ],
      after,
      limit,
    });
  },
  'followups.update': ({ id, dueAt, dueOn, timeZone, ...fields }, ctx) => {
    const current = liveRecord(ctx, followupDef, id);
    checkFollowupRefs(ctx, fields.clientId ?? current.clientId, fields);
    const due = dueAt !== undefined || dueOn !== undefined ? dueColumns({ dueAt, dueOn, timeZone }) : {};
    return updateRecord(ctx, followupDef, id, { ...fields, ...due });
  },
  'followups.complete': ({ id }, ctx) => {
    const current = liveRecord(ctx, followupDef, id);
    if (current.status === 'done') return current;
    return updateRecord(ctx, followupDef, id, { status: 'done', completedAt: ctx.now().toISOString() });
  },
  'followups.reopen': ({ id }, ctx) =>
    updateRecord(ctx, followupDef, id, { status: 'open', completedAt: null }),
  'followups.cancel': ({ id }, ctx) => {
    const current = liveRecord(ctx, followupDef, id);
    if (current.status === 'cancelled') return current;
    return updateRecord(ctx, followupDef, id, { status: 'cancelled', completedAt: ctx.now().toISOString() });
  },
  'followups.reschedule': ({ id, ...due }, ctx) => updateRecord(ctx, followupDef, id, dueColumns(due)),
  'followups.delete': ({ id }, ctx) => deleteRecord(ctx, followupDef, id),
  'followups.restore': ({ id }, ctx) => restoreRecord(ctx, followupDef, id),
  'followups.listDue': (input, ctx) => listDue(ctx, input),
} satisfies Partial<Handlers>;

/** The stored due fields: a moment, or the midnight starting a day in a time zone (all-day). */
function dueColumns(due: Due): { dueAt: string; allDay: boolean } {
  if (due.dueAt !== undefined) return { dueAt: due.dueAt, allDay: false };
  return { dueAt: startOfDayIn(due.dueOn ?? '', due.timeZone ?? 'UTC').toISOString(), allDay: true };
}

interface Refs {
  clientId?: string | undefined;
  contactId?: string | null | undefined;
  dealId?: string | null | undefined;
  userId?: string | null | undefined;
  assigneeId?: string | null | undefined;
  interactionId?: string | null | undefined;
}

function checkInteractionRefs(ctx: HandlerContext, clientId: string, refs: Refs): void {
  requireLive(ctx, 'client', clientId, 'clientId', 'client');
  requireOfClient(ctx, 'contact', refs.contactId, 'contactId', 'contact', clientId);
  requireOfClient(ctx, 'deal', refs.dealId, 'dealId', 'deal', clientId);
  if (refs.userId) requireLive(ctx, 'team_member', refs.userId, 'userId', 'team member');
}

function checkFollowupRefs(ctx: HandlerContext, clientId: string, refs: Refs): void {
  requireLive(ctx, 'client', clientId, 'clientId', 'client');
  requireOfClient(ctx, 'contact', refs.contactId, 'contactId', 'contact', clientId);
  requireOfClient(ctx, 'deal', refs.dealId, 'dealId', 'deal', clientId);
  requireOfClient(ctx, 'interaction', refs.interactionId, 'interactionId', 'interaction', clientId);
  if (refs.assigneeId) requireLive(ctx, 'team_member', refs.assigneeId, 'assigneeId', 'team member');
}

/** The SQL of followups.listDue, exported for its query-plan test. */
export function dueSql(input: {
  from?: string | undefined;
  to: string;
  assigneeId?: string | undefined;
  after?: string | null | undefined;
  limit: number;
}): { sql: string; parameters: FieldValue[] } {
  const clauses = ['f.deleted_at IS NULL', "f.status = 'open'", 'f.due_at < ?'];
  const parameters: FieldValue[] = [input.to];
  if (input.from !== undefined) {
    clauses.push('f.due_at >= ?');
    parameters.push(input.from);
  }
  if (input.assigneeId !== undefined) {
    clauses.push('f.assignee_id = ?');
    parameters.push(input.assigneeId);
  }
  if (input.after) {
    const [dueAt, id] = decodeCursor(input.after, 2);
    clauses.push('(f.due_at > ? OR (f.due_at = ? AND f.id > ?))');
    parameters.push(String(dueAt), String(dueAt), String(id));
  }
  parameters.push(input.limit + 1);
  return {
    sql: `SELECT f.*, c.name AS client_name, ct.name AS contact_name
      FROM followup f JOIN client c ON c.id = f.client_id LEFT JOIN contact ct ON ct.id = f.contact_id
      WHERE ${clauses.join(' AND ')} AND c.deleted_at IS NULL
      ORDER BY f.due_at, f.id LIMIT ?`,
    parameters,
  };
}

/** Open follow-ups due in [from, to), earliest first, with the names the Today list shows. */
function listDue(ctx: ReadContext, input: Parameters<typeof dueSql>[0]): z.output<typeof DueFollowupPage> {
  const { sql, parameters } = dueSql(input);
  const rows = ctx.db.prepare(sql).all(...parameters) as (RowOf<'followup'> & {
    client_name: string;
    contact_name: string | null;
  })[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const items = toRecords(ctx, followupDef, page).map((followup, i) => ({
    ...followup,
    clientName: page[i]?.client_name ?? '',
    contactName: page[i]?.contact_name ?? null,
  }));
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.due_at, last.id]) : null,
  };
}
