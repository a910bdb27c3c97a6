import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { Amount, CurrencyCode, DateOnly, checkAmountDigits, checkDateOrder, optionalText } from './fields.ts';
import { recordMeta } from './record.ts';
import { createShapeOf, inputsOf, outputsOf, updateShapeOf } from '../entities/define.ts';
import {
  campaignEntity,
  campaignMemberEntity,
  campaignMemberStatuses,
  competitorOfferEntity,
  dealEntity,
  dealStages,
  paymentKinds,
  serviceRequestEntity,
  serviceRequestPriorities,
  serviceRequestStatuses,
} from '../entities/entities.ts';
import { MoneyOut } from './values.ts';

export { dealStages, paymentKinds };
export const DealStage = z.enum(dealStages);
export type DealStage = z.infer<typeof DealStage>;
/** Stages of a deal still being worked on. */
export const openDealStages: readonly DealStage[] = ['qualification', 'proposal', 'negotiation'];

export const Deal = z.object({ ...recordMeta, ...outputsOf(dealEntity) });
export type Deal = z.infer<typeof Deal>;

export const DealCreateInput = z.strictObject(createShapeOf(dealEntity));
export const DealUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(dealEntity) });
export const DealListInput = PageRequest.extend({
  clientId: Id.optional(),
  stage: DealStage.optional(),
});
export const DealPage = pageOf(Deal);

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

export const CompetitorOffer = z.object({ ...recordMeta, ...outputsOf(competitorOfferEntity) });
export const CompetitorOfferCreateInput = z.strictObject(createShapeOf(competitorOfferEntity));
export const CompetitorOfferUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(competitorOfferEntity) });
export const CompetitorOfferListInput = PageRequest.extend({ clientId: Id });
export const CompetitorOfferPage = pageOf(CompetitorOffer);

export const ServiceRequestStatus = z.enum(serviceRequestStatuses);
export const ServiceRequestPriority = z.enum(serviceRequestPriorities);
/** The fields of a service request a user sets; when it was opened and resolved follow its status. */
const { openedAt: _openedAt, resolvedAt: _resolvedAt, ...requestFields } = inputsOf(serviceRequestEntity);
export const ServiceRequest = z.object({ ...recordMeta, ...outputsOf(serviceRequestEntity) });
export type ServiceRequest = z.infer<typeof ServiceRequest>;
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
export const Campaign = z.object({ ...recordMeta, ...outputsOf(campaignEntity) });
export const CampaignCreateInput = z.strictObject(createShapeOf(campaignEntity)).superRefine(checkCampaign);
export const CampaignUpdateInput = z
  .strictObject({ id: Id, ...updateShapeOf(campaignEntity) })
  .superRefine(checkCampaign);
export const CampaignListInput = PageRequest;
export const CampaignPage = pageOf(Campaign);

export const CampaignMemberStatus = z.enum(campaignMemberStatuses);
export const CampaignMember = z.object({
  ...recordMeta,
  ...outputsOf(campaignMemberEntity),
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
    contactId: campaignMemberEntity.fields.contactId.input,
    status: campaignMemberEntity.fields.status.input,
    respondedOn: campaignMemberEntity.fields.respondedOn.input,
  })
  .partial()
  .required({ id: true });
export const CampaignMemberListInput = PageRequest.extend({ campaignId: Id });
export const CampaignMemberPage = pageOf(CampaignMember);
export { MoneyOut };
