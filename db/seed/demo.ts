import { AppError } from '../../shared/api/errors.ts';
import type { LocalMethod, MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import { writeInteractions, writeServiceRequests } from './demo-dealings.ts';
import {
  DAY,
  type DemoCampaign,
  type DemoClient,
  type DemoContext,
  HISTORY_DAYS,
  HOUR,
  LATE_PAYER_TERMS_DAYS,
  planLife,
} from './demo-life.ts';
import { writeDeals, writeInvoices } from './demo-sales.ts';
import { industries, regions, type SeedLanguage, seedLanguages, segments, sources, words } from './names.ts';
import { Random } from './random.ts';

/**
 * The Insights costs of the demo company (`app.loadDemo` sets them where none are set): an hour of
 * calls, meetings and visits, and handling one service request, in tenge, the currency most of its
 * clients pay in.
 */
export const DEMO_COSTS = { costCurrency: 'KZT', hourlyCost: 6000, serviceRequestCost: 10_000 } as const;

/** How many clients the demo company has. */
const DEMO_CLIENTS = 54;

export interface DemoSeedOptions {
  now?: Date;
  seed?: number;
  /** The user's time zone, for the follow-ups due "today" (default: this machine's). */
  timeZone?: string;
  onProgress?: (done: number, total: number) => void;
}

/** What the demo made, per kind of record. */
export type DemoCounts = Record<string, number>;

/** Calls one API method and returns its result at once (inside the caller's transaction). */
export type SyncCall = <M extends LocalMethod>(method: M, input: MethodInput<M>) => MethodOutput<M>;

/**
 * Fills an empty database with a small, living company: a team of four, clients in English, Russian and
 * Kazakh with their contacts, and twenty months of their history: found, turned into leads, buying in
 * their own rhythm (monthly, a few times a year, once, or no longer), moving up to loyal or lapsing;
 * calls, meetings and visits with their durations, deals won and lost to competitors, invoices with
 * costs paid on time, late or not yet, a few refunds, service requests with the client's rating,
 * campaigns with their members, and follow-ups overdue, due today and coming up. A few clients cost
 * more than they bring (thin margins, heavy service, late payment: demo-life.ts UNPROFITABLE), so the
 * Insights have something to find. Everything goes through the API methods, exactly as if people had
 * typed it at the time (`callAsOf`: records and their history are dated when it happened), so it has
 * history and syncs like any other data; `app.loadDemo` runs it in one transaction, so it is added whole
 * or not at all.
 */
export function seedDemo(
  call: SyncCall,
  callAsOf: (at: Date) => SyncCall,
  options: DemoSeedOptions = {},
): DemoCounts {
  const clients = call('clients.list', { limit: 1 });
  const members = call('users.list', { limit: 1 });
  if (clients.items.length > 0 || members.items.length > 0) {
    throw new AppError(
      'conflict',
      'This database already has data; demo data is only added to an empty one.',
    );
  }
  const now = (options.now ?? new Date()).getTime();
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const counts: DemoCounts = {};
  const ctx: DemoContext = {
    call,
    at: (ms) => callAsOf(new Date(Math.min(ms, now))),
    r: new Random(options.seed ?? 2026),
    now,
    timeZone,
    day: localDates(timeZone),
    iso: (ms) => new Date(ms).toISOString(),
    count: (kind, n = 1) => {
      counts[kind] = (counts[kind] ?? 0) + n;
    },
    team: [],
  };
  const founded = ctx.at(now - (HISTORY_DAYS + 30) * DAY);
  const team: string[] = [];
  for (const [name, email, role] of [
    ['Aigerim Sadykova', 'aigerim@rapport.example', 'admin'],
    ['Дмитрий Орлов', 'dmitry@rapport.example', 'member'],
    ['Нұрлан Әбенов', 'nurlan@rapport.example', 'member'],
    ['Emily Clarke', 'emily@rapport.example', 'member'],
  ] as const) {
    team.push(founded('users.create', { name, email, role }).id);
    ctx.count('team_member');
  }
  ctx.team = team;
  const tagIds: string[] = [];
  for (const [name, color] of [
    ['Key account', '#e03131'],
    ['Wholesale', '#1971c2'],
    ['Slow payer', '#f08c00'],
    ['Export', '#0c8599'],
  ] as const) {
    tagIds.push(founded('tags.create', { name, color }).id);
    ctx.count('tag');
  }
  const campaigns = demoCampaigns(now);
  const written: DemoClient[] = [];
  for (let i = 0; i < DEMO_CLIENTS; i++) {
    written.push(writeClient(ctx, i, campaigns, tagIds));
    options.onProgress?.(i + 1, DEMO_CLIENTS);
  }
  writeCampaigns(ctx, campaigns, written);
  return counts;
}

/** Four campaigns over the last fourteen months: two trade events, a newsletter, a webinar. */
function demoCampaigns(now: number): DemoCampaign[] {
  const year = (daysAgo: number) => String(new Date(now - daysAgo * DAY).getUTCFullYear());
  return [
    {
      name: `Almaty trade fair ${year(430)}`,
      channel: 'Event',
      startsAt: now - 430 * DAY,
      days: 3,
      cost: { amount: 2_400_000, currency: 'KZT' },
      audience: seedLanguages,
    },
    {
      name: `Astana expo ${year(200)}`,
      channel: 'Event',
      startsAt: now - 200 * DAY,
      days: 3,
      cost: { amount: 1_500_000, currency: 'KZT' },
      audience: seedLanguages,
    },
    {
      name: 'Рассылка: сезон поставок',
      channel: 'Email',
      startsAt: now - 160 * DAY,
      days: 30,
      cost: { amount: 150_000, currency: 'RUB' },
      audience: ['ru'],
    },
    {
      name: 'Webinar: cutting logistics costs',
      channel: 'Webinar',
      startsAt: now - 85 * DAY,
      days: 1,
      cost: { amount: 3_500, currency: 'USD' },
      audience: ['en'],
    },
  ];
}

const TERMS: Readonly<Record<string, number>> = {
  'Net 30': 30,
  'Net 14': 14,
  Prepayment: 0,
  '50% upfront': 14,
};

/** One client: the record, its contacts and tags on the day it was found, its stages, its dealings. */
function writeClient(ctx: DemoContext, i: number, campaigns: DemoCampaign[], tagIds: string[]): DemoClient {
  const { r } = ctx;
  const language: SeedLanguage = seedLanguages[i % seedLanguages.length] ?? 'en';
  const w = words[language];
  const life = planLife(r, ctx.now, i, language, campaigns);
  const isCompany = i % 5 !== 4;
  const name = isCompany
    ? `${w.companyStems[i % w.companyStems.length] ?? 'Client'} ${r.pick(w.companyForms)}`
    : `${r.pick(w.firstNames)} ${r.pick(w.lastNames)}`;
  const ownerId = r.pick(ctx.team);
  // A company in Kazakhstan: most invoice in tenge, some Russian clients in roubles, the foreign ones in
  // dollars or euros; the lifetime-value models are fitted per currency, so tenge has most buyers.
  const currency =
    language === 'en' ? (r.chance(0.6) ? 'USD' : 'EUR') : language === 'ru' && r.chance(0.25) ? 'RUB' : 'KZT';
  const late = life.burdens.has('late-payer');
  const paymentTerms = late
    ? `Net ${String(LATE_PAYER_TERMS_DAYS)}`
    : r.chance(0.5)
      ? r.pick(Object.keys(TERMS))
      : null;
  const campaign = life.campaign === null ? undefined : campaigns[life.campaign];
  const found = ctx.at(life.acquiredAt);
  const client = found('clients.create', {
    name,
    kind: isCompany ? 'company' : 'person',
    industry: r.pick(industries),
    segment: r.pick(segments),
    stage: 'prospect',
    vip: i % 9 === 0,
    ownerId,
    source: campaign ? (campaign.channel === 'Event' ? 'Trade show' : 'Campaign') : r.pick(sources),
    region: r.pick(regions),
    address: { street: `${r.pick(w.streets)} ${String(r.int(1, 90))}`, city: r.pick(w.cities) },
    website: isCompany
      ? `${name.toLowerCase().replace(/[^a-z]+/g, '') || `client${String(i)}`}.example`
      : null,
    paymentTerms,
    notes: r.pick(w.notes),
  });
  ctx.count('client');
  tagIds.forEach((tag, t) => {
    if ((t === 2 && late) || r.chance(0.15)) {
      found('clients.tag', { clientId: client.id, tagId: tag });
      ctx.count('client_tag');
    }
  });
  const contactIds = isCompany
    ? writeContacts(ctx, found, client.id, language, r.int(1, 3), null)
    : writeContacts(ctx, found, client.id, language, 1, name);
  for (const change of life.stages.slice(1))
    ctx.at(change.at)('clients.update', { id: client.id, stage: change.stage });
  const written: DemoClient = {
    index: i,
    id: client.id,
    language,
    currency,
    ownerId,
    contactIds,
    termsDays: TERMS[paymentTerms ?? ''] ?? 30,
    life,
    paidAt: [],
  };
  writeInteractions(ctx, written);
  writeInvoices(ctx, written, writeDeals(ctx, written));
  writeServiceRequests(ctx, written);
  if (life.stages.at(-1)?.stage !== 'lost') writeNextStep(ctx, written, i);
  return written;
}

function writeContacts(
  ctx: DemoContext,
  found: SyncCall,
  clientId: string,
  language: SeedLanguage,
  n: number,
  /** A person is their own contact. */
  person: string | null,
): string[] {
  const { r } = ctx;
  const w = words[language];
  const ids: string[] = [];
  for (let c = 0; c < n; c++) {
    const first = r.pick(w.firstNames);
    const mailbox = `${first.toLowerCase().replace(/[^a-z]/g, '') || 'info'}${String(r.int(1, 99))}`;
    const contact = found('contacts.create', {
      clientId,
      name: person ?? `${first} ${r.pick(w.lastNames)}`,
      role: person === null ? r.pick(w.roles) : null,
      emails: [{ value: `${mailbox}@mail.example`, label: 'work' }],
      phones: [{ value: `+7 7${r.digits(2)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`, label: 'mobile' }],
      preferredChannel: r.pick(['phone', 'email', 'message', 'meeting', 'any']),
      birthday: r.chance(0.3)
        ? `19${String(r.int(60, 99))}-0${String(r.int(1, 9))}-1${String(r.int(0, 9))}`
        : null,
    });
    ids.push(contact.id);
    ctx.count('contact');
  }
  return ids;
}

/** The next step, made today: overdue for some, due today for some, coming up for the rest. */
function writeNextStep(ctx: DemoContext, client: DemoClient, i: number): void {
  const { r, now } = ctx;
  const slot = i % 6;
  const common = {
    clientId: client.id,
    contactId: r.pick(client.contactIds),
    assigneeId: client.ownerId,
    priority: slot === 0 ? ('high' as const) : ('normal' as const),
    title: r.pick(words[client.language].followupTitles),
  };
  if (slot === 0 || slot === 1)
    ctx.call('followups.create', { ...common, dueAt: ctx.iso(now - r.int(1, 9) * DAY - r.int(0, 6) * HOUR) });
  else if (slot === 2 || slot === 3)
    ctx.call('followups.create', { ...common, dueOn: ctx.day(now), timeZone: ctx.timeZone });
  else
    ctx.call('followups.create', {
      ...common,
      dueOn: ctx.day(now + r.int(1, 20) * DAY),
      timeZone: ctx.timeZone,
    });
  ctx.count('followup');
}

/**
 * The campaigns and who they reached: the clients a campaign brought in (converted once they bought),
 * and existing clients of its audience, targeted before it, some responding, converted when they bought
 * within three months of responding.
 */
function writeCampaigns(ctx: DemoContext, campaigns: DemoCampaign[], clients: DemoClient[]): void {
  const { r, now, day } = ctx;
  campaigns.forEach((campaign, index) => {
    const created = ctx.at(campaign.startsAt - 30 * DAY)('campaigns.create', {
      name: campaign.name,
      channel: campaign.channel,
      startsOn: day(campaign.startsAt),
      endsOn: day(campaign.startsAt + (campaign.days - 1) * DAY),
      cost: campaign.cost,
    });
    ctx.count('campaign');
    for (const client of clients) {
      const brought = client.life.campaign === index;
      const reached =
        !brought &&
        client.life.acquiredAt < campaign.startsAt - 10 * DAY &&
        client.life.activeUntil > campaign.startsAt &&
        campaign.audience.includes(client.language) &&
        r.chance(0.45);
      if (!brought && !reached) continue;
      const added = brought ? client.life.acquiredAt + HOUR : campaign.startsAt - r.int(3, 10) * DAY;
      const member = ctx.at(added)('campaigns.addMember', { campaignId: created.id, clientId: client.id });
      ctx.count('campaign_member');
      const responded = brought
        ? client.life.acquiredAt
        : campaign.startsAt + r.int(0, campaign.days + 14) * DAY + r.int(1, 8) * HOUR;
      if ((!brought && !r.chance(0.4)) || responded >= now) continue;
      const bought = client.paidAt.find((paid) => paid > responded && paid < responded + 90 * DAY);
      ctx.at(bought ?? responded + HOUR)('campaigns.updateMember', {
        id: member.id,
        status: bought === undefined ? 'responded' : 'converted',
        respondedOn: day(responded),
      });
    }
  });
}

/** The calendar date (YYYY-MM-DD) of a moment in `timeZone`; one formatter for the thousands of dates. */
function localDates(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (ms) => format.format(new Date(ms));
}
