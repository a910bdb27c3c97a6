import type { Contact } from '../../shared/domain/contact.ts';
import type { Deal, Payment } from '../../shared/domain/deal.ts';
import type { z } from 'zod';
import type { Campaign, CampaignMember, CompetitorOffer, ServiceRequest } from '../../shared/domain/deal.ts';
import type { Followup } from '../../shared/domain/followup.ts';
import type { Interaction } from '../../shared/domain/interaction.ts';
import type { Tag, TeamMember } from '../../shared/domain/team.ts';
import { defineEntity } from './crud.ts';

/** How each entity's API fields map to its columns (db/records/columns.ts). */
export const teamMemberDef = defineEntity<TeamMember>({
  table: 'team_member',
  entity: 'teamMember',
  noun: 'team member',
  columns: {
    name: ['name', 'value'],
    email: ['email', 'value'],
    phone: ['phone', 'value'],
    role: ['role', 'value'],
    active: ['active', 'bool'],
  },
});

export const contactDef = defineEntity<Contact>({
  table: 'contact',
  entity: 'contact',
  noun: 'contact',
  columns: {
    clientId: ['client_id', 'value'],
    name: ['name', 'value'],
    role: ['role', 'value'],
    emails: ['emails', 'json'],
    phones: ['phones', 'json'],
    preferredChannel: ['preferred_channel', 'value'],
    birthday: ['birthday', 'value'],
    notes: ['notes', 'value'],
    isPrimary: ['is_primary', 'bool'],
  },
});

export const tagDef = defineEntity<Tag>({
  table: 'tag',
  entity: 'tag',
  noun: 'tag',
  columns: { name: ['name', 'value'], color: ['color', 'value'] },
});

export const interactionDef = defineEntity<Interaction>({
  table: 'interaction',
  entity: 'interaction',
  noun: 'interaction',
  columns: {
    clientId: ['client_id', 'value'],
    contactId: ['contact_id', 'value'],
    userId: ['user_id', 'value'],
    dealId: ['deal_id', 'value'],
    kind: ['kind', 'value'],
    direction: ['direction', 'value'],
    occurredAt: ['occurred_at', 'value'],
    durationS: ['duration_s', 'value'],
    outcome: ['outcome', 'value'],
    summary: ['summary', 'value'],
    body: ['body', 'value'],
  },
});

export const followupDef = defineEntity<Followup>({
  table: 'followup',
  entity: 'followup',
  noun: 'follow-up',
  columns: {
    clientId: ['client_id', 'value'],
    contactId: ['contact_id', 'value'],
    interactionId: ['interaction_id', 'value'],
    dealId: ['deal_id', 'value'],
    title: ['title', 'value'],
    notes: ['notes', 'value'],
    dueAt: ['due_at', 'value'],
    allDay: ['all_day', 'bool'],
    assigneeId: ['assignee_id', 'value'],
    priority: ['priority', 'value'],
    status: ['status', 'value'],
    completedAt: ['completed_at', 'value'],
  },
});

export const dealDef = defineEntity<Deal>({
  table: 'deal',
  entity: 'deal',
  noun: 'deal',
  columns: {
    clientId: ['client_id', 'value'],
    title: ['title', 'value'],
    stage: ['stage', 'value'],
    value: ['value', 'json'],
    probability: ['probability', 'value'],
    expectedCloseOn: ['expected_close_on', 'value'],
    closedOn: ['closed_on', 'value'],
    reason: ['reason', 'value'],
    competitor: ['competitor', 'value'],
    ownerId: ['owner_id', 'value'],
    notes: ['notes', 'value'],
  },
});

/** Amount, cost and currency are one stored JSON field `money` (they sync together); see payments. */
export const paymentDef = defineEntity<Payment>({
  table: 'payment',
  entity: 'payment',
  noun: 'payment',
  columns: {
    clientId: ['client_id', 'value'],
    dealId: ['deal_id', 'value'],
    kind: ['kind', 'value'],
    money: ['money', 'json'],
    issuedOn: ['issued_on', 'value'],
    dueOn: ['due_on', 'value'],
    paidOn: ['paid_on', 'value'],
    reference: ['reference', 'value'],
    notes: ['notes', 'value'],
  },
  decorate: (_ctx, records) =>
    records.map((record) => {
      const { money, ...rest } = record as Payment & {
        money: { amount: number; cost: number | null; currency: string };
      };
      return { ...rest, amount: money.amount, cost: money.cost, currency: money.currency };
    }),
});

export const competitorOfferDef = defineEntity<z.infer<typeof CompetitorOffer>>({
  table: 'competitor_offer',
  entity: 'competitorOffer',
  noun: 'competitor offer',
  columns: {
    clientId: ['client_id', 'value'],
    dealId: ['deal_id', 'value'],
    competitor: ['competitor', 'value'],
    offer: ['offer', 'value'],
    price: ['price', 'json'],
    offeredOn: ['offered_on', 'value'],
    notes: ['notes', 'value'],
  },
});

export const serviceRequestDef = defineEntity<z.infer<typeof ServiceRequest>>({
  table: 'service_request',
  entity: 'serviceRequest',
  noun: 'service request',
  columns: {
    clientId: ['client_id', 'value'],
    contactId: ['contact_id', 'value'],
    assigneeId: ['assignee_id', 'value'],
    title: ['title', 'value'],
    description: ['description', 'value'],
    status: ['status', 'value'],
    priority: ['priority', 'value'],
    openedAt: ['opened_at', 'value'],
    resolvedAt: ['resolved_at', 'value'],
  },
});

export const campaignDef = defineEntity<z.infer<typeof Campaign>>({
  table: 'campaign',
  entity: 'campaign',
  noun: 'campaign',
  columns: {
    name: ['name', 'value'],
    channel: ['channel', 'value'],
    startsOn: ['starts_on', 'value'],
    endsOn: ['ends_on', 'value'],
    cost: ['cost', 'json'],
    notes: ['notes', 'value'],
  },
});

export const campaignMemberDef = defineEntity<z.infer<typeof CampaignMember>>({
  table: 'campaign_member',
  entity: 'campaignMember',
  noun: 'campaign member',
  columns: {
    campaignId: ['campaign_id', 'value'],
    clientId: ['client_id', 'value'],
    contactId: ['contact_id', 'value'],
    status: ['status', 'value'],
    respondedOn: ['responded_on', 'value'],
  },
  decorate: (ctx, records) => {
    const clientName = ctx.db.prepare('SELECT name FROM client WHERE id = ?');
    return records.map((record) => {
      const row = clientName.get(record.clientId) as { name: string } | undefined;
      return { ...record, clientName: row?.name ?? '' };
    });
  },
});
