import { z } from 'zod';
import { Id, PageRequest, Timestamp, pageOf } from './common.ts';
import { CurrencyCode, DateTime, optionalText } from './fields.ts';

/** A client is either a company or a person. */
export const clientKinds = ['company', 'person'] as const;
export const ClientKind = z.enum(clientKinds);
export type ClientKind = z.infer<typeof ClientKind>;

/** Where a client stands with us, in the order a relationship usually moves. */
export const lifecycleStages = ['prospect', 'lead', 'active', 'loyal', 'lapsed', 'lost'] as const;
export const LifecycleStage = z.enum(lifecycleStages);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Longest client name accepted, in characters. */
export const CLIENT_NAME_MAX = 200;
/** Longest free-text note accepted, in characters (a few pages). */
export const NOTES_MAX = 20_000;

const ClientName = z
  .string()
  .trim()
  .min(1, { message: 'Enter the client’s name.' })
  .max(CLIENT_NAME_MAX, { message: `A client name can be at most ${CLIENT_NAME_MAX} characters.` });

/** A web address; "example.com" is accepted and kept as typed. */
const Website = optionalText(300).refine((value) => value === null || isWebAddress(value), {
  message: 'Enter a web address such as example.com or https://example.com.',
  params: { rule: 'website' },
});

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return /^https?:$/.test(url.protocol) && /^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname);
  } catch {
    return false;
  }
}

/** A postal address; its parts sync together as one field (SYNC.md). */
export const Address = z.strictObject({
  street: optionalText(200).optional(),
  city: optionalText(100).optional(),
  region: optionalText(100).optional(),
  postalCode: optionalText(20).optional(),
  country: optionalText(100).optional(),
});
export type Address = z.infer<typeof Address>;

/** The fields a user edits on a client, all but the name optional. */
const clientFields = {
  kind: ClientKind,
  industry: optionalText(100),
  segment: optionalText(100),
  stage: LifecycleStage,
  vip: z.boolean(),
  ownerId: Id.nullable(),
  source: optionalText(100),
  region: optionalText(100),
  address: Address.nullable(),
  website: Website,
  preferences: optionalText(2000),
  paymentTerms: optionalText(500),
  solvencyNotes: optionalText(2000),
  notes: optionalText(NOTES_MAX),
};

/** A client as the UI sees it. */
export const Client = z.object({
  id: Id,
  name: z.string(),
  kind: ClientKind,
  industry: z.string().nullable(),
  segment: z.string().nullable(),
  stage: LifecycleStage,
  vip: z.boolean(),
  ownerId: z.string().nullable(),
  source: z.string().nullable(),
  region: z.string().nullable(),
  address: Address.nullable(),
  website: z.string().nullable(),
  preferences: z.string().nullable(),
  paymentTerms: z.string().nullable(),
  solvencyNotes: z.string().nullable(),
  notes: z.string().nullable(),
  /** When we last called, met, visited, wrote or messaged them (notes do not count); null if never. */
  lastContactAt: Timestamp.nullable(),
  /** Due time of the earliest open follow-up; null if none. */
  nextFollowupAt: Timestamp.nullable(),
  /**
   * When the silence since the last contact became longer than usual for this client (twice their usual
   * gap, at least 14 days; 30 days after a single contact); null if never contacted. Past: going quiet.
   */
  quietSince: Timestamp.nullable(),
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
export const ClientCreateInput = z
  .strictObject({
    name: ClientName,
    ...clientFields,
    kind: ClientKind,
    stage: LifecycleStage.default('prospect'),
    vip: z.boolean().default(false),
  })
  .partial({
    industry: true,
    segment: true,
    ownerId: true,
    source: true,
    region: true,
    address: true,
    website: true,
    preferences: true,
    paymentTerms: true,
    solvencyNotes: true,
    notes: true,
  });
export type ClientCreateInput = z.input<typeof ClientCreateInput>;

/** Change some fields of a client; fields left out stay as they are, `null` clears one. */
export const ClientUpdateInput = z
  .strictObject({ id: Id, name: ClientName, ...clientFields })
  .partial()
  .required({ id: true });
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
