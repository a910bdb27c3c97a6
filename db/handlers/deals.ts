import { CampaignRules, type DealStage, PaymentRules, openDealStages } from '../../shared/domain/deal.ts';
import { deterministicId } from '../deterministic-id.ts';
import { utcDay } from '../../shared/time.ts';
import { jsonText } from '../records/columns.ts';
import {
  announced,
  createRecord,
  deleteRecord,
  listPage,
  liveRecord,
  requireLive,
  requireOfClient,
  restoreRecord,
  updateRecord,
} from './crud.ts';
import { checkRecordRules } from './check-record-rules.ts';
import type { HandlerContext, Handlers } from './context.ts';
import {
  campaignDef,
  campaignMemberDef,
  competitorOfferDef,
  dealDef,
  paymentDef,
  serviceRequestDef,
} from './entities.ts';

const newestFirst = (column: string) =>
  [
    [column, 'desc'],
    ['id', 'desc'],
  ] as const;

/** Deals, payments, competitor offers, service requests, campaigns and their members. */
export const dealHandlers = {
  'deals.create': (input, ctx) => {
    requireLive(ctx, 'client', input.clientId, 'clientId', 'client');
    if (input.ownerId) requireLive(ctx, 'team_member', input.ownerId, 'ownerId', 'team member');
    return createRecord(ctx, dealDef, { ...input, ...closing(ctx, input.stage, input) });
  },
  'deals.get': ({ id }, ctx) => liveRecord(ctx, dealDef, id),
  'deals.list': ({ clientId, stage, after, limit }, ctx) => {
    if (clientId !== undefined) {
      return listPage(ctx, dealDef, {
        where: stage
          ? [
              ['client_id', '=', clientId],
              ['stage', '=', stage],
            ]
          : [['client_id', '=', clientId]],
        order: newestFirst('created_at'),
        after,
        limit,
      });
    }
    return listPage(ctx, dealDef, {
      where: stage ? [['stage', '=', stage]] : [],
      order: newestFirst('created_at'),
      after,
      limit,
    });
  },
  'deals.update': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, dealDef, id);
    if (fields.clientId !== undefined) requireLive(ctx, 'client', fields.clientId, 'clientId', 'client');
    if (fields.ownerId) requireLive(ctx, 'team_member', fields.ownerId, 'ownerId', 'team member');
    const stageChanged = fields.stage !== undefined && fields.stage !== current.stage;
    return updateRecord(
      ctx,
      dealDef,
      id,
      stageChanged ? { ...fields, ...closing(ctx, fields.stage ?? current.stage, fields) } : fields,
    );
  },
  'deals.delete': ({ id }, ctx) => deleteRecord(ctx, dealDef, id),
  'deals.restore': ({ id }, ctx) => restoreRecord(ctx, dealDef, id),

  'payments.record': (input, ctx) => {
    requireLive(ctx, 'client', input.clientId, 'clientId', 'client');
    requireOfClient(ctx, 'deal', input.dealId, 'dealId', 'deal', input.clientId);
    const { amount, cost, currency, ...rest } = input;
    const issuedOn = input.issuedOn ?? utcDay(ctx.now());
    // The default issue date is known only here: a due date before today is checked against it.
    checkRecordRules(PaymentRules, { dueOn: null, paidOn: null, cost: null }, { ...input, issuedOn });
    return createRecord(
      ctx,
      paymentDef,
      { ...rest, issuedOn },
      {
        extra: { money: money(amount, cost ?? null, currency) },
      },
    );
  },
  'payments.get': ({ id }, ctx) => liveRecord(ctx, paymentDef, id),
  'payments.list': ({ clientId, kind, after, limit }, ctx) =>
    listPage(ctx, paymentDef, {
      where: [
        ...(clientId ? ([['client_id', '=', clientId]] as const) : []),
        ...(kind ? ([['kind', '=', kind]] as const) : []),
      ],
      order: newestFirst('issued_on'),
      after,
      limit,
    }),
  'payments.update': ({ id, amount, cost, currency, ...fields }, ctx) => {
    const current = liveRecord(ctx, paymentDef, id);
    const clientId = fields.clientId ?? current.clientId;
    if (fields.clientId !== undefined) requireLive(ctx, 'client', clientId, 'clientId', 'client');
    requireOfClient(ctx, 'deal', fields.dealId, 'dealId', 'deal', clientId);
    checkRecordRules(PaymentRules, current, { ...fields, amount, cost, currency });
    const moneyChanged = amount !== undefined || cost !== undefined || currency !== undefined;
    const extra = moneyChanged
      ? {
          money: money(
            amount ?? current.amount,
            cost === undefined ? current.cost : cost,
            currency ?? current.currency,
          ),
        }
      : {};
    return updateRecord(ctx, paymentDef, id, fields, extra);
  },
  'payments.delete': ({ id }, ctx) => deleteRecord(ctx, paymentDef, id),
  'payments.restore': ({ id }, ctx) => restoreRecord(ctx, paymentDef, id),

  'competitorOffers.create': (input, ctx) => {
    requireLive(ctx, 'client', input.clientId, 'clientId', 'client');
    requireOfClient(ctx, 'deal', input.dealId, 'dealId', 'deal', input.clientId);
    return createRecord(ctx, competitorOfferDef, {
      ...input,
      offeredOn: input.offeredOn ?? utcDay(ctx.now()),
    });
  },
  'competitorOffers.get': ({ id }, ctx) => liveRecord(ctx, competitorOfferDef, id),
  'competitorOffers.list': ({ clientId, after, limit }, ctx) =>
    listPage(ctx, competitorOfferDef, {
      where: [['client_id', '=', clientId]],
      order: newestFirst('offered_on'),
      after,
      limit,
    }),
  'competitorOffers.update': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, competitorOfferDef, id);
    const clientId = fields.clientId ?? current.clientId;
    if (fields.clientId !== undefined) requireLive(ctx, 'client', clientId, 'clientId', 'client');
    requireOfClient(ctx, 'deal', fields.dealId, 'dealId', 'deal', clientId);
    return updateRecord(ctx, competitorOfferDef, id, fields);
  },
  'competitorOffers.delete': ({ id }, ctx) => deleteRecord(ctx, competitorOfferDef, id),
  'competitorOffers.restore': ({ id }, ctx) => restoreRecord(ctx, competitorOfferDef, id),

  'serviceRequests.open': (input, ctx) => {
    requireLive(ctx, 'client', input.clientId, 'clientId', 'client');
    requireOfClient(ctx, 'contact', input.contactId, 'contactId', 'contact', input.clientId);
    if (input.assigneeId) requireLive(ctx, 'team_member', input.assigneeId, 'assigneeId', 'team member');
    const status = input.status ?? 'open';
    const now = ctx.now().toISOString();
    return createRecord(ctx, serviceRequestDef, {
      ...input,
      status,
      priority: input.priority ?? 'normal',
      openedAt: now,
      resolvedAt: status === 'resolved' || status === 'closed' ? now : null,
    });
  },
  'serviceRequests.get': ({ id }, ctx) => liveRecord(ctx, serviceRequestDef, id),
  'serviceRequests.list': ({ clientId, status, after, limit }, ctx) =>
    clientId !== undefined
      ? listPage(ctx, serviceRequestDef, {
          where: [['client_id', '=', clientId]],
          order: newestFirst('opened_at'),
          after,
          limit,
        })
      : listPage(ctx, serviceRequestDef, {
          where: status ? [['status', '=', status]] : [],
          order: newestFirst('opened_at'),
          after,
          limit,
        }),
  'serviceRequests.update': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, serviceRequestDef, id);
    const clientId = fields.clientId ?? current.clientId;
    if (fields.clientId !== undefined) requireLive(ctx, 'client', clientId, 'clientId', 'client');
    requireOfClient(ctx, 'contact', fields.contactId, 'contactId', 'contact', clientId);
    if (fields.assigneeId) requireLive(ctx, 'team_member', fields.assigneeId, 'assigneeId', 'team member');
    const finished = (s: string) => s === 'resolved' || s === 'closed';
    const status = fields.status ?? current.status;
    const resolvedAt =
      finished(status) && !finished(current.status)
        ? ctx.now().toISOString()
        : !finished(status) && finished(current.status)
          ? null
          : undefined;
    return updateRecord(ctx, serviceRequestDef, id, { ...fields, resolvedAt });
  },
  'serviceRequests.delete': ({ id }, ctx) => deleteRecord(ctx, serviceRequestDef, id),
  'serviceRequests.restore': ({ id }, ctx) => restoreRecord(ctx, serviceRequestDef, id),

  'campaigns.create': (input, ctx) => createRecord(ctx, campaignDef, input),
  'campaigns.get': ({ id }, ctx) => liveRecord(ctx, campaignDef, id),
  'campaigns.list': ({ after, limit }, ctx) =>
    listPage(ctx, campaignDef, {
      where: [],
      order: [
        ['sort_name', 'asc'],
        ['id', 'asc'],
      ],
      after,
      limit,
    }),
  'campaigns.update': ({ id, ...fields }, ctx) => {
    checkRecordRules(CampaignRules, liveRecord(ctx, campaignDef, id), fields);
    return updateRecord(ctx, campaignDef, id, fields);
  },
  'campaigns.delete': ({ id }, ctx) => deleteRecord(ctx, campaignDef, id),
  'campaigns.restore': ({ id }, ctx) => restoreRecord(ctx, campaignDef, id),
  'campaigns.addMember': ({ campaignId, clientId, contactId }, ctx) => {
    requireLive(ctx, 'campaign', campaignId, 'campaignId', 'campaign');
    requireLive(ctx, 'client', clientId, 'clientId', 'client');
    requireOfClient(ctx, 'contact', contactId, 'contactId', 'contact', clientId);
    // One id per (campaign, client) on every device, so offline adds never duplicate (SYNC.md).
    const id = deterministicId('campaign_member', campaignId, clientId);
    const existing = ctx.rows.read('campaign_member', id);
    if (!existing) {
      return createRecord(
        ctx,
        campaignMemberDef,
        { campaignId, clientId, contactId: contactId ?? null, status: 'targeted' },
        { id },
      );
    }
    const patch = { deleted_at: null, ...(contactId !== undefined ? { contact_id: contactId } : {}) };
    return ctx.writer.update('campaign_member', id, patch).length > 0
      ? announced(ctx, campaignMemberDef, id)
      : liveRecord(ctx, campaignMemberDef, id);
  },
  'campaigns.updateMember': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, campaignMemberDef, id);
    requireOfClient(ctx, 'contact', fields.contactId, 'contactId', 'contact', current.clientId);
    return updateRecord(ctx, campaignMemberDef, id, fields);
  },
  'campaigns.removeMember': ({ id }, ctx) => deleteRecord(ctx, campaignMemberDef, id),
  'campaigns.listMembers': ({ campaignId, after, limit }, ctx) => {
    requireLive(ctx, 'campaign', campaignId, 'campaignId', 'campaign');
    return listPage(ctx, campaignMemberDef, {
      where: [['campaign_id', '=', campaignId]],
      order: [['id', 'asc']],
      after,
      limit,
    });
  },
} satisfies Partial<Handlers>;

/**
 * What closing or reopening a deal implies, unless the input says otherwise: won or lost dates the close
 * (today, UTC) and sets the probability to 100 or 0; an open stage clears the close date.
 */
function closing(
  ctx: HandlerContext,
  stage: DealStage,
  given: { closedOn?: string | null | undefined; probability?: number | null | undefined },
): { closedOn?: string | null; probability?: number | null } {
  if (openDealStages.includes(stage))
    return { closedOn: given.closedOn === undefined ? null : given.closedOn };
  return {
    closedOn: given.closedOn ?? utcDay(ctx.now()),
    probability: given.probability ?? (stage === 'won' ? 100 : 0),
  };
}

/** Amount, cost and currency as one stored JSON value: they sync together. */
function money(amount: number, cost: number | null, currency: string) {
  return jsonText({ amount, cost, currency });
}
