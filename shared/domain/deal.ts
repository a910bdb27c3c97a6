import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import {
  Amount,
  CurrencyCode,
  DateOnly,
  Money,
  Percent,
  checkAmountDigits,
  checkDateOrder,
  optionalText,
  requiredText,
} from './fields.ts';
import { recordMeta } from './record.ts';

export const dealStages = ['qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const DealStage = z.enum(dealStages);
export type DealStage = z.infer<typeof DealStage>;
/** Stages of a deal still being worked on. */
export const openDealStages: readonly DealStage[] = ['qualification', 'proposal', 'negotiation'];

const MoneyOut = z.object({ amount: z.number(), currency: z.string() });

const dealFields = {
  clientId: Id,
  title: requiredText(200, 'Enter the deal’s title.'),
  stage: DealStage,
  /** Amount and currency, one value (they sync together). */
  value: Money.nullable(),
  probability: Percent.nullable(),
  expectedCloseOn: DateOnly.nullable(),
  closedOn: DateOnly.nullable(),
  /** Why it was won or lost. */
  reason: optionalText(2000),
  competitor: optionalText(200),
  ownerId: Id.nullable(),
  notes: optionalText(20_000),
};

export const Deal = z.object({
  ...recordMeta,
  clientId: Id,
  title: z.string(),
  stage: DealStage,
  value: MoneyOut.nullable(),
  probability: z.number().nullable(),
  expectedCloseOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  reason: z.string().nullable(),
  competitor: z.string().nullable(),
  ownerId: Id.nullable(),
  notes: z.string().nullable(),
});
export type Deal = z.infer<typeof Deal>;

export const DealCreateInput = z.strictObject(dealFields).partial().required({ clientId: true, title: true });
export const DealUpdateInput = z
  .strictObject({ id: Id, ...dealFields })
  .partial()
  .required({ id: true });
export const DealListInput = PageRequest.extend({
  clientId: Id.optional(),
  stage: DealStage.optional(),
});
export const DealPage = pageOf(Deal);

export const paymentKinds = ['invoice', 'payment', 'refund'] as const;
export const PaymentKind = z.enum(paymentKinds);

const paymentFields = {
  clientId: Id,
  dealId: Id.nullable(),
  kind: PaymentKind,
  amount: Amount,
  /** What it cost us, for margin and profit; same currency. */
  cost: Amount.nullable(),
  currency: CurrencyCode,
  issuedOn: DateOnly,
  dueOn: DateOnly.nullable(),
  paidOn: DateOnly.nullable(),
  /** Invoice or payment number. */
  reference: optionalText(100),
  notes: optionalText(20_000),
};

export const Payment = z.object({
  ...recordMeta,
  clientId: Id,
  dealId: Id.nullable(),
  kind: PaymentKind,
  amount: z.number(),
  cost: z.number().nullable(),
  currency: z.string(),
  issuedOn: z.string(),
  dueOn: z.string().nullable(),
  paidOn: z.string().nullable(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Payment = z.infer<typeof Payment>;

type PaymentDates = {
  issuedOn?: string | undefined;
  dueOn?: string | null | undefined;
  paidOn?: string | null | undefined;
};
type PaymentMoney = {
  amount?: number | undefined;
  cost?: number | null | undefined;
  currency?: string | undefined;
};

function checkPayment(input: PaymentDates & PaymentMoney, ctx: z.RefinementCtx): void {
  checkDateOrder(input.issuedOn, input.dueOn, 'dueOn', 'The due date cannot be before the issue date.', ctx);
  checkDateOrder(
    input.issuedOn,
    input.paidOn,
    'paidOn',
    'The payment date cannot be before the issue date.',
    ctx,
  );
  if (input.currency !== undefined) {
    checkAmountDigits(input.amount, input.currency, ['amount'], ctx);
    checkAmountDigits(input.cost, input.currency, ['cost'], ctx);
  }
}

/**
 * The cross-field rules of a payment on the whole record: an update is checked with the stored values of
 * the fields it leaves alone, so a due date before the stored issue date is refused as on create.
 */
export const PaymentRules = z
  .object({
    issuedOn: z.string(),
    dueOn: z.string().nullable(),
    paidOn: z.string().nullable(),
    amount: z.number(),
    cost: z.number().nullable(),
    currency: z.string(),
  })
  .superRefine(checkPayment);

/** Record an invoice, a payment or a refund; `issuedOn` defaults to today (UTC). */
export const PaymentRecordInput = z
  .strictObject(paymentFields)
  .partial()
  .required({ clientId: true, kind: true, amount: true, currency: true })
  .superRefine(checkPayment);
/** Amount, cost and currency change together: give all that change; the others keep their values. */
export const PaymentUpdateInput = z
  .strictObject({ id: Id, ...paymentFields })
  .partial()
  .required({ id: true })
  .superRefine(checkPayment);
export const PaymentListInput = PageRequest.extend({ clientId: Id.optional(), kind: PaymentKind.optional() });
export const PaymentPage = pageOf(Payment);

const offerFields = {
  clientId: Id,
  dealId: Id.nullable(),
  competitor: requiredText(200, 'Enter the competitor’s name.'),
  offer: optionalText(2000),
  price: Money.nullable(),
  offeredOn: DateOnly,
  notes: optionalText(20_000),
};
export const CompetitorOffer = z.object({
  ...recordMeta,
  clientId: Id,
  dealId: Id.nullable(),
  competitor: z.string(),
  offer: z.string().nullable(),
  price: MoneyOut.nullable(),
  offeredOn: z.string(),
  notes: z.string().nullable(),
});
export const CompetitorOfferCreateInput = z
  .strictObject(offerFields)
  .partial()
  .required({ clientId: true, competitor: true });
export const CompetitorOfferUpdateInput = z
  .strictObject({ id: Id, ...offerFields })
  .partial()
  .required({ id: true });
export const CompetitorOfferListInput = PageRequest.extend({ clientId: Id });
export const CompetitorOfferPage = pageOf(CompetitorOffer);

export const ServiceRequestStatus = z.enum(['open', 'in_progress', 'waiting', 'resolved', 'closed']);
export const ServiceRequestPriority = z.enum(['low', 'normal', 'high', 'urgent']);
const requestFields = {
  clientId: Id,
  contactId: Id.nullable(),
  assigneeId: Id.nullable(),
  title: requiredText(200, 'Enter what the request is about.'),
  description: optionalText(20_000),
  status: ServiceRequestStatus,
  priority: ServiceRequestPriority,
};
export const ServiceRequest = z.object({
  ...recordMeta,
  clientId: Id,
  contactId: Id.nullable(),
  assigneeId: Id.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  status: ServiceRequestStatus,
  priority: ServiceRequestPriority,
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export const ServiceRequestOpenInput = z
  .strictObject(requestFields)
  .partial()
  .required({ clientId: true, title: true });
export const ServiceRequestUpdateInput = z
  .strictObject({ id: Id, ...requestFields })
  .partial()
  .required({ id: true });
export const ServiceRequestListInput = PageRequest.extend({
  clientId: Id.optional(),
  status: ServiceRequestStatus.optional(),
});
export const ServiceRequestPage = pageOf(ServiceRequest);

const campaignFields = {
  name: requiredText(200, 'Enter the campaign’s name.'),
  channel: optionalText(100),
  startsOn: DateOnly.nullable(),
  endsOn: DateOnly.nullable(),
  cost: Money.nullable(),
  notes: optionalText(20_000),
};
function checkCampaign(
  input: { startsOn?: string | null | undefined; endsOn?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  checkDateOrder(input.startsOn, input.endsOn, 'endsOn', 'A campaign cannot end before it starts.', ctx);
}
/** The cross-field rule of a campaign on the whole record (see {@link PaymentRules}). */
export const CampaignRules = z
  .object({ startsOn: z.string().nullable(), endsOn: z.string().nullable() })
  .superRefine(checkCampaign);
export const Campaign = z.object({
  ...recordMeta,
  name: z.string(),
  channel: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  cost: MoneyOut.nullable(),
  notes: z.string().nullable(),
});
export const CampaignCreateInput = z
  .strictObject(campaignFields)
  .partial()
  .required({ name: true })
  .superRefine(checkCampaign);
export const CampaignUpdateInput = z
  .strictObject({ id: Id, ...campaignFields })
  .partial()
  .required({ id: true })
  .superRefine(checkCampaign);
export const CampaignListInput = PageRequest;
export const CampaignPage = pageOf(Campaign);

export const CampaignMemberStatus = z.enum(['targeted', 'responded', 'converted']);
export const CampaignMember = z.object({
  ...recordMeta,
  campaignId: Id,
  clientId: Id,
  contactId: Id.nullable(),
  status: CampaignMemberStatus,
  respondedOn: z.string().nullable(),
  clientName: z.string(),
});
export const CampaignMemberAddInput = z.strictObject({
  campaignId: Id,
  clientId: Id,
  contactId: Id.nullish(),
});
export const CampaignMemberUpdateInput = z
  .strictObject({
    id: Id,
    contactId: Id.nullable(),
    status: CampaignMemberStatus,
    respondedOn: DateOnly.nullable(),
  })
  .partial()
  .required({ id: true });
export const CampaignMemberListInput = PageRequest.extend({ campaignId: Id });
export const CampaignMemberPage = pageOf(CampaignMember);
export { MoneyOut };
