import { z } from 'zod';
import { Timestamp } from '../domain/common.ts';
import { Color, Email, Money, Percent, Phone, Rating } from '../domain/fields.ts';
import {
  Address,
  Emails,
  Labelled,
  MoneyOut,
  Outcome,
  PaymentMoney,
  PaymentMoneyOut,
  Phones,
  Website,
} from '../domain/values.ts';
import { type EntityDecl, defineEntity, fieldOfColumn } from './define.ts';
import {
  coupled,
  day,
  derived,
  flag,
  moment,
  oneOf,
  oneOfDefault,
  oneOfOrNone,
  optionalRefTo,
  refTo,
  requiredCoupled,
  requiredDay,
  requiredMoment,
  requiredName,
  shapedText,
  text,
  whole,
} from './field.ts';

/** Longest client name accepted, in characters. */
export const CLIENT_NAME_MAX = 200;
/** Longest free-text note accepted, in characters (a few pages). */
export const NOTES_MAX = 20_000;

export const clientKinds = ['company', 'person'] as const;
export const lifecycleStages = ['prospect', 'lead', 'active', 'loyal', 'lapsed', 'lost'] as const;

const addressParts = ['street', 'city', 'region', 'postalCode', 'country'] as const;

/** The address as JSON with its parts in a fixed order (so equal addresses compare equal); blank → null. */
function storedAddress(address: Address): string | null {
  const parts = addressParts.flatMap((part) => (address[part] ? [[part, address[part]] as const] : []));
  return parts.length === 0 ? null : JSON.stringify(Object.fromEntries(parts));
}

/** A company or a person we deal with. */
export const clientEntity = defineEntity({
  table: 'client',
  entity: 'client',
  noun: 'client',
  labels: 'client.field',
  fields: {
    name: requiredName(CLIENT_NAME_MAX, 'Enter the client’s name.', { search: 'name' }),
    kind: oneOf(clientKinds),
    industry: text(100, { search: 'details', merge: 'fill' }),
    segment: text(100, { search: 'details', merge: 'fill' }),
    stage: oneOfDefault(lifecycleStages, 'prospect'),
    vip: flag(false, { merge: 'either' }),
    ownerId: optionalRefTo('team_member', { merge: 'fill' }),
    source: text(100, { search: 'details', merge: 'fill' }),
    region: text(100, { search: 'details', merge: 'fill' }),
    /** The client's id in the tool it was imported from (import matches on it). */
    externalId: text(200, { merge: 'fill' }),
    address: coupled(Address, Address, { search: 'details', merge: 'fill', toStored: storedAddress }),
    website: shapedText(Website, 300, { search: 'details', merge: 'fill' }),
    preferences: text(2000, { search: 'notes', conflict: true, merge: 'fill' }),
    paymentTerms: text(500, { search: 'notes', conflict: true, merge: 'fill' }),
    solvencyNotes: text(2000, { search: 'notes', conflict: true, merge: 'fill' }),
    notes: text(NOTES_MAX, { search: 'notes', conflict: true, merge: 'combine' }),
    /** When we last called, met, visited, wrote or messaged them (notes do not count); null if never. */
    lastContactAt: derived(Timestamp.nullable(), 'dateTime'),
    /** Due time of the earliest open follow-up; null if none. */
    nextFollowupAt: derived(Timestamp.nullable(), 'dateTime'),
    /**
     * When the silence since the last contact became longer than usual for this client (twice their
     * usual gap, at least 14 days; 30 days after a single contact); null if never contacted.
     */
    quietSince: derived(Timestamp.nullable(), 'dateTime'),
  },
});

export const teamRoles = ['admin', 'member'] as const;

/** A person on the team: owner of clients, assignee of follow-ups, author of interactions. */
export const teamMemberEntity = defineEntity({
  table: 'team_member',
  entity: 'teamMember',
  noun: 'team member',
  labels: 'teamMember.field',
  fields: {
    name: requiredName(200, 'Enter the person’s name.'),
    email: shapedText(Email.nullable(), 254),
    phone: shapedText(Phone.nullable(), 100),
    role: oneOfDefault(teamRoles, 'member'),
    /** Inactive members keep their history but are not offered as owners or assignees. */
    active: flag(true),
  },
});

export const preferredChannels = ['phone', 'email', 'message', 'meeting', 'any'] as const;

/** A person at a client. */
export const contactEntity = defineEntity({
  table: 'contact',
  entity: 'contact',
  noun: 'contact',
  labels: 'contact.field',
  fields: {
    clientId: refTo('client'),
    name: requiredName(200, 'Enter the contact’s name.'),
    role: text(100),
    emails: requiredCoupled(Emails, z.array(Labelled)),
    phones: requiredCoupled(Phones, z.array(Labelled)),
    preferredChannel: oneOfOrNone(preferredChannels),
    birthday: day(),
    notes: text(NOTES_MAX, { conflict: true }),
    isPrimary: flag(false),
    /** The contact's id in the tool it was imported from (import matches on it). */
    externalId: text(200),
  },
});

export const interactionKinds = ['call', 'meeting', 'visit', 'email', 'message', 'note'] as const;
export const directions = ['inbound', 'outbound'] as const;
const DAY_SECONDS = 24 * 60 * 60;

/** A call, meeting, visit, email, message or note. */
export const interactionEntity = defineEntity({
  table: 'interaction',
  entity: 'interaction',
  noun: 'interaction',
  labels: 'interaction.field',
  fields: {
    clientId: refTo('client'),
    contactId: optionalRefTo('contact'),
    /** The team member who had the interaction; defaults to the signed-in user. */
    userId: optionalRefTo('team_member'),
    dealId: optionalRefTo('deal'),
    kind: oneOf(interactionKinds),
    direction: oneOfOrNone(directions),
    /** When it happened; defaults to now. */
    occurredAt: requiredMoment(),
    durationS: whole(
      0,
      DAY_SECONDS,
      z
        .number()
        .int({ message: 'Enter whole seconds.' })
        .min(0, { message: 'At least 0.' })
        .max(DAY_SECONDS, { message: 'At most 24 hours.' })
        .nullable(),
    ),
    outcome: shapedText(Outcome, 40),
    summary: text(500, { conflict: true }),
    body: text(NOTES_MAX, { conflict: true }),
  },
});

export const followupPriorities = ['low', 'normal', 'high'] as const;
export const followupStatuses = ['open', 'done', 'cancelled'] as const;

/** Something to do next for a client. */
export const followupEntity = defineEntity({
  table: 'followup',
  entity: 'followup',
  noun: 'follow-up',
  labels: 'followup.field',
  fields: {
    clientId: refTo('client'),
    contactId: optionalRefTo('contact'),
    interactionId: optionalRefTo('interaction'),
    dealId: optionalRefTo('deal'),
    title: requiredName(200, 'Enter what to do.'),
    notes: text(NOTES_MAX, { conflict: true }),
    dueAt: requiredMoment(),
    allDay: flag(false),
    assigneeId: optionalRefTo('team_member'),
    priority: oneOfDefault(followupPriorities, 'normal'),
    status: oneOfDefault(followupStatuses, 'open'),
    completedAt: moment(),
  },
});

export const dealStages = ['qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** An opportunity to sell. */
export const dealEntity = defineEntity({
  table: 'deal',
  entity: 'deal',
  noun: 'deal',
  labels: 'deal.field',
  fields: {
    clientId: refTo('client'),
    title: requiredName(200, 'Enter the deal’s title.'),
    stage: oneOfDefault(dealStages, 'qualification'),
    value: coupled(Money, MoneyOut),
    probability: whole(0, 100, Percent.nullable()),
    expectedCloseOn: day(),
    closedOn: day(),
    reason: text(2000, { conflict: true }),
    competitor: text(200),
    ownerId: optionalRefTo('team_member'),
    notes: text(NOTES_MAX, { conflict: true }),
  },
});

export const paymentKinds = ['invoice', 'payment', 'refund'] as const;

/** An invoice, a payment or a refund; amount, cost and currency are one stored field. */
const paymentEntity = defineEntity({
  table: 'payment',
  entity: 'payment',
  noun: 'payment',
  labels: 'payment.field',
  fields: {
    clientId: refTo('client'),
    dealId: optionalRefTo('deal'),
    kind: oneOf(paymentKinds),
    money: requiredCoupled(PaymentMoney, PaymentMoneyOut),
    issuedOn: requiredDay(),
    dueOn: day(),
    paidOn: day(),
    reference: text(100),
    notes: text(NOTES_MAX, { conflict: true }),
  },
});

/** What a competitor offered a client. */
export const competitorOfferEntity = defineEntity({
  table: 'competitor_offer',
  entity: 'competitorOffer',
  noun: 'competitor offer',
  labels: 'competitorOffer.field',
  fields: {
    clientId: refTo('client'),
    dealId: optionalRefTo('deal'),
    competitor: requiredName(200, 'Enter the competitor’s name.'),
    offer: text(2000, { conflict: true }),
    price: coupled(Money, MoneyOut),
    offeredOn: requiredDay(),
    notes: text(NOTES_MAX, { conflict: true }),
  },
});

export const serviceRequestStatuses = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export const serviceRequestPriorities = ['low', 'normal', 'high', 'urgent'] as const;

/** A client's support case. */
export const serviceRequestEntity = defineEntity({
  table: 'service_request',
  entity: 'serviceRequest',
  noun: 'service request',
  labels: 'serviceRequest.field',
  fields: {
    clientId: refTo('client'),
    contactId: optionalRefTo('contact'),
    assigneeId: optionalRefTo('team_member'),
    title: requiredName(200, 'Enter what the request is about.'),
    description: text(NOTES_MAX, { conflict: true }),
    status: oneOfDefault(serviceRequestStatuses, 'open'),
    priority: oneOfDefault(serviceRequestPriorities, 'normal'),
    openedAt: requiredMoment(),
    resolvedAt: moment(),
    /** The client's satisfaction, 1–5, recorded when the request is resolved; unset when not asked. */
    rating: whole(1, 5, Rating.nullable()),
  },
});

/** A marketing action and what it cost. */
export const campaignEntity = defineEntity({
  table: 'campaign',
  entity: 'campaign',
  noun: 'campaign',
  labels: 'campaign.field',
  fields: {
    name: requiredName(200, 'Enter the campaign’s name.'),
    channel: text(100),
    startsOn: day(),
    endsOn: day(),
    cost: coupled(Money, MoneyOut),
    notes: text(NOTES_MAX, { conflict: true }),
  },
});

export const campaignMemberStatuses = ['targeted', 'responded', 'converted'] as const;

/** A client taking part in a campaign. */
export const campaignMemberEntity = defineEntity({
  table: 'campaign_member',
  entity: 'campaignMember',
  noun: 'campaign member',
  labels: 'campaignMember.field',
  fields: {
    campaignId: refTo('campaign'),
    clientId: refTo('client'),
    contactId: optionalRefTo('contact'),
    status: oneOfDefault(campaignMemberStatuses, 'targeted'),
    respondedOn: day(),
  },
});

/** A label clients can carry. */
export const tagEntity = defineEntity({
  table: 'tag',
  entity: 'tag',
  noun: 'tag',
  labels: 'tag.field',
  fields: {
    name: requiredName(60, 'Enter the tag’s name.'),
    color: shapedText(Color.nullable(), 7),
  },
});

/** A tag on a client (a join row with a deterministic id, SYNC.md). */
const clientTagEntity = defineEntity({
  table: 'client_tag',
  entity: 'clientTag',
  noun: 'tag of a client',
  labels: 'clientTag.field',
  fields: {
    clientId: refTo('client'),
    tagId: refTo('tag'),
  },
});

/** Every synced entity, by table. */
export const entities = {
  client: clientEntity,
  team_member: teamMemberEntity,
  contact: contactEntity,
  interaction: interactionEntity,
  followup: followupEntity,
  deal: dealEntity,
  payment: paymentEntity,
  competitor_offer: competitorOfferEntity,
  service_request: serviceRequestEntity,
  campaign: campaignEntity,
  campaign_member: campaignMemberEntity,
  tag: tagEntity,
  client_tag: clientTagEntity,
} as const;

export type EntityTable = keyof typeof entities;

/** True when `name` is the table of a synced entity. */
export function isEntityTable(name: string): name is EntityTable {
  return Object.hasOwn(entities, name);
}

const byName = new Map<string, EntityDecl>(
  Object.values(entities).map((decl: EntityDecl) => [decl.entity, decl]),
);

/** The declaration of an entity by its API name (`serviceRequest`), if there is one. */
function entityNamed(name: string): EntityDecl | undefined {
  return byName.get(name);
}

/**
 * The i18n key of a field's label; `field` may be its API name or its stored column. The lifecycle
 * fields every record has are labelled once (`record.field.*`).
 */
export function fieldLabelKey(entity: string, field: string): string {
  const name = fieldOfColumn(field);
  if (name === 'createdAt' || name === 'deletedAt' || name === 'mergedInto') return `record.field.${name}`;
  return `${entityNamed(entity)?.labels ?? `${entity}.field`}.${name}`;
}
