import type { LifecycleStage } from '../../shared/domain/client.ts';
import type { SeedLanguage } from './names.ts';
import type { Random } from './random.ts';
import type { SyncCall } from './demo.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** How far back the demo company's dealings go: about twenty months. */
export const HISTORY_DAYS = 640;

/** What the demo's writers share: the calls (now, or as of a past moment), the dice, the calendar. */
export interface DemoContext {
  /** A call made now. */
  call: SyncCall;
  /** A call made at `ms`: the records it writes, and their history, are dated then (never after now). */
  at: (ms: number) => SyncCall;
  r: Random;
  now: number;
  timeZone: string;
  /** The calendar day (YYYY-MM-DD) of `ms` in the user's time zone. */
  day: (ms: number) => string;
  iso: (ms: number) => string;
  count: (kind: string, n?: number) => void;
  team: readonly string[];
}

/** How a client buys: every month or so, a few times a year, stopped months ago, once, or not yet. */
export type Rhythm = 'regular' | 'occasional' | 'stopped' | 'once' | 'none';

/** What makes a client cost more than it brings (issue 15's "listed with why"). */
export type Burden = 'thin-margin' | 'service-heavy' | 'late-payer';

/** A campaign of the demo, as planned before it is written. */
export interface DemoCampaign {
  name: string;
  channel: string;
  startsAt: number;
  days: number;
  cost: { amount: number; currency: string };
  /** Whose languages it reached. */
  audience: readonly SeedLanguage[];
}

/** A client's life, planned before anything is written, so every record can be dated consistently. */
export interface ClientLife {
  rhythm: Rhythm;
  acquiredAt: number;
  /** The stage it was created in, then each change, in time order, all before now. */
  stages: { stage: LifecycleStage; at: number }[];
  /** When each invoice was issued, in order; empty when the client never bought. */
  purchases: number[];
  /** The invoices (by issue time, among `purchases`) the client never paid. */
  unpaid: ReadonlySet<number>;
  burdens: ReadonlySet<Burden>;
  /** Dealings stop here: lapsed and lost clients went quiet; the others were in touch recently. */
  activeUntil: number;
  /** The campaign that brought the client in, by index. */
  campaign: number | null;
}

/** The clients that lose money, by their place in the demo, and why. */
export const UNPROFITABLE: Readonly<Record<number, readonly Burden[]>> = {
  6: ['thin-margin', 'service-heavy'],
  13: ['service-heavy', 'late-payer'],
  20: ['thin-margin', 'late-payer'],
  27: ['thin-margin', 'service-heavy', 'late-payer'],
};

/** Late payers are on these terms; the invoices they leave unpaid are due this many days ago. */
export const LATE_PAYER_TERMS_DAYS = 30;
const UNPAID_OVERDUE_DAYS: Readonly<Record<number, readonly number[]>> = {
  13: [12, 45],
  20: [75],
  27: [110],
};

/** Sixteen long (not a multiple of three), so every rhythm comes in all three languages. */
const RHYTHMS: readonly Rhythm[] = [
  'regular',
  'occasional',
  'none',
  'regular',
  'stopped',
  'once',
  'regular',
  'occasional',
  'stopped',
  'none',
  'regular',
  'once',
  'occasional',
  'stopped',
  'regular',
  'none',
];

/** Plans client `i`'s life: when it was found, how it moved through the stages, when it bought. */
export function planLife(
  r: Random,
  now: number,
  i: number,
  language: SeedLanguage,
  campaigns: readonly DemoCampaign[],
): ClientLife {
  const burdens = new Set(UNPROFITABLE[i] ?? []);
  const rhythm: Rhythm = burdens.size > 0 ? 'regular' : (RHYTHMS[i % RHYTHMS.length] ?? 'regular');
  const campaign = campaignThatBrought(r, now, rhythm, language, campaigns);
  const acquiredAt =
    campaign !== null
      ? (campaigns[campaign]?.startsAt ?? now) + r.int(0, 12) * DAY + r.int(1, 8) * HOUR
      : now - acquiredDaysAgo(r, rhythm) * DAY + r.int(1, 8) * HOUR;
  const stages: ClientLife['stages'] = [{ stage: 'prospect', at: acquiredAt }];
  const leadAt = acquiredAt + r.int(2, 20) * DAY;
  const past = (at: number) => at < now - HOUR;
  if (rhythm === 'none') {
    if (past(leadAt) && r.chance(0.5)) stages.push({ stage: 'lead', at: leadAt });
    const lostAt = leadAt + r.int(20, 60) * DAY;
    if (stages.length > 1 && r.chance(0.35) && past(lostAt)) stages.push({ stage: 'lost', at: lostAt });
    return {
      rhythm,
      acquiredAt,
      stages,
      purchases: [],
      unpaid: new Set(),
      burdens,
      activeUntil: now,
      campaign,
    };
  }
  stages.push({ stage: 'lead', at: leadAt });
  const purchases = purchaseDays(r, now, rhythm, leadAt + r.int(7, 35) * DAY, burdens.size > 0);
  // Each late payer leaves an invoice unpaid at a set age, so receivables age into every bucket.
  const unpaid = new Set(
    (UNPAID_OVERDUE_DAYS[i] ?? []).map((days) => now - (days + LATE_PAYER_TERMS_DAYS) * DAY - 2 * HOUR),
  );
  purchases.push(...unpaid);
  purchases.sort((a, b) => a - b);
  const first = purchases[0] ?? now;
  const last = purchases.at(-1) ?? first;
  stages.push({ stage: 'active', at: first + HOUR });
  const sixth = purchases[5];
  if (sixth !== undefined && sixth - first >= 150 * DAY && rhythm !== 'occasional')
    stages.push({ stage: 'loyal', at: sixth + HOUR });
  let activeUntil = now - r.int(1, 25) * DAY;
  const lapsedAt = last + r.int(rhythm === 'once' ? 150 : 90, rhythm === 'once' ? 190 : 130) * DAY;
  if (past(lapsedAt)) {
    stages.push({ stage: 'lapsed', at: lapsedAt });
    activeUntil = last + r.int(20, 60) * DAY;
    const lostAt = lapsedAt + r.int(60, 120) * DAY;
    if (r.chance(0.6) && past(lostAt)) stages.push({ stage: 'lost', at: lostAt });
  }
  return { rhythm, acquiredAt, stages, purchases, unpaid, burdens, activeUntil, campaign };
}

function acquiredDaysAgo(r: Random, rhythm: Rhythm): number {
  switch (rhythm) {
    case 'regular':
    case 'stopped':
      return r.int(560, HISTORY_DAYS);
    case 'occasional':
      return r.int(300, HISTORY_DAYS - 20);
    case 'once':
      return r.int(60, 600);
    case 'none':
      return r.int(5, 150);
  }
}

/** Some of those found lately came from a campaign their language was reached by. */
function campaignThatBrought(
  r: Random,
  now: number,
  rhythm: Rhythm,
  language: SeedLanguage,
  campaigns: readonly DemoCampaign[],
): number | null {
  if (rhythm === 'regular' || rhythm === 'stopped' || !r.chance(0.45)) return null;
  const open = campaigns.flatMap((c, index) =>
    c.audience.includes(language) && c.startsAt < now - 60 * DAY ? [index] : [],
  );
  return open.length === 0 ? null : r.pick(open);
}

/**
 * Invoice days from `first`: at the client's own steady rate, so the waits between purchases vary as
 * they do in life (and as the BG/NBD model assumes: exponential, at least a week apart here); those who
 * stopped, stopped.
 */
function purchaseDays(r: Random, now: number, rhythm: Rhythm, first: number, keeps: boolean): number[] {
  if (first >= now - 2 * DAY) return [now - 2 * DAY];
  if (rhythm === 'once') return [first];
  // Any buyer may quietly leave after a purchase, each with its own chance (beta-distributed, as BG/NBD
  // assumes); the clients that lose money keep buying, or they would not be a problem.
  const leaving = r.gamma(0.5);
  const dropout = keeps ? 0 : leaving / (leaving + r.gamma(5));
  const meanGap =
    rhythm === 'regular' ? r.int(25, 50) : rhythm === 'occasional' ? r.int(70, 140) : r.int(30, 60);
  const until = rhythm === 'stopped' ? now - r.int(150, 330) * DAY : now - 3 * DAY;
  const days = [first];
  for (let t = first; ;) {
    t += Math.round(7 + r.exponential(meanGap - 7)) * DAY + r.int(-3, 3) * HOUR;
    if (t > until) break;
    days.push(t);
    if (r.chance(dropout)) break;
  }
  return days;
}

/** The stage a client is in at `at`, from its planned changes. */
export function stageAt(life: ClientLife, at: number): LifecycleStage {
  let stage: LifecycleStage = 'prospect';
  for (const change of life.stages) if (change.at <= at) stage = change.stage;
  return stage;
}

/** A client of the demo once created: what the other writers need of it. */
export interface DemoClient {
  index: number;
  id: string;
  language: SeedLanguage;
  currency: string;
  ownerId: string;
  contactIds: string[];
  /** Days the client has to pay an invoice. */
  termsDays: number;
  life: ClientLife;
  /** When each payment was made (the purchases), in time order; filled as its invoices are written. */
  paidAt: number[];
}
