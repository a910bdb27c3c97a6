import { z } from 'zod';
import { AnalyticsDrill } from './analytics.ts';
import { Id, PageRequest, Timestamp, pageOf } from './common.ts';
import { createShapeOf, outputsOf, updateShapeOf } from '../entities/define.ts';
import {
  CLIENT_NAME_MAX,
  NOTES_MAX,
  clientEntity,
  clientKinds,
  lifecycleStages,
} from '../entities/entities.ts';
import { CurrencyCode, DateTime } from './fields.ts';
import { Address } from './values.ts';

/** A client is either a company or a person. */
export { clientKinds, lifecycleStages, CLIENT_NAME_MAX, NOTES_MAX };
export const ClientKind = z.enum(clientKinds);
export type ClientKind = z.infer<typeof ClientKind>;

/** Where a client stands with us, in the order a relationship usually moves. */
export const LifecycleStage = z.enum(lifecycleStages);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export { Address };

/** A client as the UI sees it: its declared fields (shared/entities) and its record metadata. */
export const Client = z.object({
  id: Id,
  ...outputsOf(clientEntity),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set while the client is deleted (it can be restored). */
  deletedAt: Timestamp.nullable(),
  /** The client this one was merged into as a duplicate (it is then deleted); null otherwise. */
  mergedInto: Id.nullable(),
  /** Its live tags, by name. */
  tags: z.array(z.object({ id: Id, name: z.string(), color: z.string().nullable() })),
});
export type Client = z.infer<typeof Client>;

/** A new client: a name and a kind; everything else may be filled in now or later. */
export const ClientCreateInput = z.strictObject(createShapeOf(clientEntity));
export type ClientCreateInput = z.input<typeof ClientCreateInput>;

/** Change some fields of a client; fields left out stay as they are, `null` clears one. */
export const ClientUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(clientEntity) });
export type ClientUpdateInput = z.input<typeof ClientUpdateInput>;

/** Clients that may be the same as one client, and why each is suggested. */
export const PossibleDuplicates = z.object({
  items: z.array(z.object({ id: Id, name: z.string(), reason: z.enum(['name', 'phone', 'email']) })),
});
export type PossibleDuplicates = z.infer<typeof PossibleDuplicates>;

/** Two clients that are not the same, whatever their names or phones suggest. */
export const DismissDuplicateInput = z.strictObject({ id: Id, otherId: Id });

/** Merge the duplicate `id` into `intoId`: its records move there and it is deleted. */
export const ClientMergeInput = z.strictObject({ id: Id, intoId: Id });
export type ClientMergeInput = z.input<typeof ClientMergeInput>;

/** Orders of the client list; each is served by an index on live clients. */
export const clientSorts = [
  'name',
  'lastContact',
  'nextFollowup',
  'created',
  'quietSince',
  'revenue',
] as const;
export const ClientSort = z.enum(clientSorts);
export type ClientSort = z.infer<typeof ClientSort>;

/**
 * One page of live clients, filtered and sorted. Filters combine (AND). Clients with no value for the
 * sort (never contacted, no open follow-up) come after all the others, in either direction.
 */
export const ClientListInput = PageRequest.extend({
  sort: ClientSort.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  kind: ClientKind.optional(),
  stage: LifecycleStage.optional(),
  segment: z.string().trim().min(1).max(100).optional(),
  /** A team member's clients; `null` for clients with no owner. */
  ownerId: Id.nullable().optional(),
  tagId: Id.optional(),
  vip: z.boolean().optional(),
  /** Clients not contacted since this moment, including those never contacted ("going quiet"). */
  lastContactBefore: DateTime.optional(),
  /** With (true) or without (false) an open follow-up past its due time. */
  hasOverdueFollowup: z.boolean().optional(),
  /** Clients whose silence is longer than usual for them (see `quietSince`). */
  goingQuiet: z.boolean().optional(),
  /**
   * With `sort: 'revenue'`: the currency whose lifetime revenue orders the list (amounts in different
   * currencies are never compared); clients without revenue in it come last, by name. Default: the
   * currency most clients have paid in.
   */
  revenueCurrency: CurrencyCode.optional(),
  /** Only the clients behind a number of an Insights page (analytics.*). */
  drill: AnalyticsDrill.optional(),
});
export type ClientListInput = z.input<typeof ClientListInput>;
export const ClientPage = pageOf(Client);
export type ClientPage = z.infer<typeof ClientPage>;

const MoneyTotal = z.object({ amount: z.number(), currency: z.string() });

/** The key facts of a client's header that are sums over its records. */
export const ClientSummary = z.object({
  id: Id,
  /** Payments received minus refunds, per currency, over the client's whole life. */
  revenue: z.array(MoneyTotal),
  /** Revenue minus the cost recorded on those payments, per currency. */
  profit: z.array(MoneyTotal),
  /** Invoices issued and not yet paid. */
  openInvoices: z.number().int(),
  openDeals: z.number().int(),
  openFollowups: z.number().int(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

/** The currencies clients have paid in, most used first: the choices of "sort by revenue". */
export const RevenueCurrencies = z.object({
  currencies: z.array(z.object({ currency: z.string(), clients: z.number().int() })),
});
