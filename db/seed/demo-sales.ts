import type { DealStage } from '../../shared/domain/deal.ts';
import { DAY, type DemoClient, type DemoContext, HOUR } from './demo-life.ts';
import { competitors, words } from './names.ts';

/** A price unit per currency, so amounts look like what each market pays. */
const UNIT: Readonly<Record<string, number>> = { KZT: 10_000, RUB: 1_000, USD: 100, EUR: 100 };

const LOST_REASONS = ['Price', 'Chose a competitor', 'No budget this year', 'Timing', 'Missing feature'];

/** Every few buyers asks for part of a payment back (a damaged delivery, a short shipment). */
const REFUND_EVERY = 9;

/**
 * A client's invoices and payments: each invoice is recorded the day it was issued (with its cost, so the
 * margin is known) and due after the client's terms; paying it marks it paid and records the payment, on
 * the day it was paid: on time for most, late for some (late payers most of all), and a few never, so
 * the receivables age into every bucket. The moments paid (the purchases the models are fitted on) are
 * kept on the client, for the campaigns that count who bought.
 */
export function writeInvoices(ctx: DemoContext, client: DemoClient, wonDealId: string | null): void {
  const { r, now, day } = ctx;
  const unit = UNIT[client.currency] ?? 100;
  const thin = client.life.burdens.has('thin-margin');
  // Served at length for small orders: what they bring cannot pay for the hours they take.
  // What a client spends per order varies around its own mean, gamma-distributed, and the gamma's rate
  // varies from client to client as a gamma too: the Gamma-Gamma model of spend, so its fit has a maximum.
  const size = client.life.burdens.has('service-heavy') && !thin ? r.int(8, 16) : 180 / r.gamma(4);
  const margin = thin ? -0.04 + r.next() * 0.08 : 0.22 + r.next() * 0.3;
  const late = client.life.burdens.has('late-payer');
  client.life.purchases.forEach((issued, k) => {
    const amount = Math.max(1, Math.round((size * r.gamma(3)) / 3)) * unit;
    const cost = Math.round(amount * (1 - margin * (0.8 + r.next() * 0.4)));
    const reference = `INV-${String(10_000 + client.index * 100 + k)}`;
    const invoice = ctx.at(issued)('payments.record', {
      clientId: client.id,
      dealId: k === 0 ? wonDealId : null,
      kind: 'invoice',
      amount,
      cost,
      currency: client.currency,
      issuedOn: day(issued),
      dueOn: day(issued + client.termsDays * DAY),
      reference,
    });
    ctx.count('payment');
    const due = issued + client.termsDays * DAY;
    const delay = client.life.unpaid.has(issued) ? Infinity : payDelay(ctx, client.termsDays, late, due);
    const paid = issued + delay * DAY + r.int(1, 6) * HOUR;
    if (paid >= now - HOUR) return;
    ctx.at(paid)('payments.update', { id: invoice.id, paidOn: day(paid) });
    ctx.at(paid)('payments.record', {
      clientId: client.id,
      kind: 'payment',
      amount,
      cost,
      currency: client.currency,
      issuedOn: day(paid),
      paidOn: day(paid),
      reference,
    });
    ctx.count('payment');
    client.paidAt.push(paid);
    if (client.index % REFUND_EVERY === 2 && k === 1 + (client.index % 7))
      writeRefund(ctx, client, amount, reference, paid);
  });
}

/**
 * Days from issue to payment; "never" is a delay past today. A late payer leaves most invoices that fell
 * due one to four months ago unpaid, so its receivables age past 30, 60 and 90 days.
 */
function payDelay(ctx: DemoContext, terms: number, latePayer: boolean, due: number): number {
  const { r } = ctx;
  const overdueDays = (ctx.now - due) / DAY;
  const recent = overdueDays < 210;
  if (latePayer && overdueDays > 35 && overdueDays < 130 && r.chance(0.7)) return 10_000;
  const when = r.weighted(
    latePayer
      ? ([
          ['on time', 0.3],
          ['late', 0.5],
          ['never', recent ? 0.2 : 0],
        ] as const)
      : ([
          ['on time', 0.8],
          ['late', 0.16],
          ['never', recent ? 0.04 : 0],
        ] as const),
  );
  if (when === 'never') return 10_000;
  if (when === 'late') return terms + (latePayer ? r.int(20, 80) : r.int(3, 35));
  return terms === 0 ? 0 : r.int(1, terms);
}

function writeRefund(
  ctx: DemoContext,
  client: DemoClient,
  paidAmount: number,
  reference: string,
  paid: number,
): void {
  const at = Math.min(ctx.now - HOUR, paid + ctx.r.int(4, 20) * DAY);
  const unit = UNIT[client.currency] ?? 100;
  ctx.at(at)('payments.record', {
    clientId: client.id,
    kind: 'refund',
    amount: Math.max(unit, Math.round((paidAmount * (0.15 + ctx.r.next() * 0.25)) / unit) * unit),
    currency: client.currency,
    issuedOn: ctx.day(at),
    paidOn: ctx.day(at),
    reference,
    notes: 'Part of the delivery arrived damaged.',
  });
  ctx.count('payment');
}

/**
 * The deals of a client's life: the one won before its first invoice (or lost, for those who never
 * bought), a later one still open or lost to a competitor, and the deal lost when it stopped buying.
 * Lost deals say why and to whom; a competitor's offer is recorded with its price beside many of them.
 * Returns the id of the deal the first invoice belongs to.
 */
export function writeDeals(ctx: DemoContext, client: DemoClient): string | null {
  const { r, now } = ctx;
  const { life } = client;
  const w = words[client.language];
  const unit = (UNIT[client.currency] ?? 100) * 10;
  const value = () => r.int(8, 120) * unit;
  const first = life.purchases[0];
  const leadAt = life.stages[1]?.at;
  let won: string | null = null;
  if (first !== undefined) {
    const opened = Math.max(life.acquiredAt + HOUR, first - r.int(12, 60) * DAY);
    const amount = value();
    won = writeDeal(ctx, client, {
      title: r.pick(w.dealTitles),
      value: amount,
      opened,
      outcome: 'won',
      closed: first - r.int(0, 3) * DAY,
    });
    // Won although a competitor offered less... or more: the price gaps go both ways.
    if (r.chance(0.3)) writeOffer(ctx, client, won, opened + DAY, amount * (0.9 + r.next() * 0.3));
  } else if (leadAt !== undefined) {
    const lost = life.stages.find((change) => change.stage === 'lost')?.at;
    writeDeal(ctx, client, {
      title: r.pick(w.dealTitles),
      value: value(),
      opened: leadAt + HOUR,
      outcome: lost !== undefined ? 'lost' : r.pick(['qualification', 'proposal'] as const),
      closed: lost ?? now,
    });
  }
  const last = life.purchases.at(-1);
  const lapsed = life.stages.some((change) => change.stage === 'lapsed');
  if (last !== undefined && lapsed) {
    writeDeal(ctx, client, {
      title: r.pick(w.dealTitles),
      value: value(),
      opened: last - r.int(10, 40) * DAY,
      outcome: 'lost',
      closed: Math.min(now - DAY, last + r.int(15, 45) * DAY),
    });
  } else if (last !== undefined) {
    const opened = now - r.int(20, 200) * DAY;
    const outcome =
      opened < now - 90 * DAY && r.chance(0.3)
        ? 'lost'
        : r.pick(['qualification', 'proposal', 'negotiation'] as const);
    writeDeal(ctx, client, {
      title: r.pick(w.dealTitles),
      value: value(),
      opened,
      outcome,
      closed: opened + r.int(20, 70) * DAY,
    });
  }
  return won;
}

interface PlannedDeal {
  title: string;
  value: number;
  opened: number;
  /** Won or lost at `closed`, or still open in this stage. */
  outcome: DealStage;
  closed: number;
}

function writeDeal(ctx: DemoContext, client: DemoClient, plan: PlannedDeal): string {
  const { r, now, day } = ctx;
  const open = plan.outcome !== 'won' && plan.outcome !== 'lost';
  const deal = ctx.at(plan.opened)('deals.create', {
    clientId: client.id,
    title: plan.title,
    stage: open ? plan.outcome : 'qualification',
    value: { amount: plan.value, currency: client.currency },
    probability: open ? r.pick([20, 40, 60, 80]) : 20,
    // Open deals: some expected to close already (a slipped forecast), most in the months ahead.
    expectedCloseOn: day(open ? now + r.int(-20, 100) * DAY : plan.opened + r.int(20, 60) * DAY),
    ownerId: client.ownerId,
  });
  ctx.count('deal');
  if (open) {
    if (r.chance(0.4))
      writeOffer(ctx, client, deal.id, plan.opened + DAY, plan.value * (0.85 + r.next() * 0.2));
    return deal.id;
  }
  const closed = Math.max(plan.opened + DAY, Math.min(plan.closed, now - HOUR));
  const reason = plan.outcome === 'lost' ? r.pick(LOST_REASONS) : null;
  const competitor =
    reason === 'Price' || reason === 'Chose a competitor' || (reason !== null && r.chance(0.3))
      ? r.pick(competitors)
      : null;
  ctx.at(closed)('deals.update', { id: deal.id, stage: plan.outcome, reason, competitor });
  if (competitor !== null) {
    ctx.at(plan.opened + (closed - plan.opened) / 2)('competitorOffers.create', {
      clientId: client.id,
      dealId: deal.id,
      competitor,
      offer: r.pick(words[client.language].bodySentences),
      price: {
        amount: Math.round((plan.value * (0.75 + r.next() * 0.2)) / 100) * 100,
        currency: client.currency,
      },
      offeredOn: day(plan.opened + (closed - plan.opened) / 2),
    });
    ctx.count('competitor_offer');
  }
  return deal.id;
}

/** A competitor's offer on a deal, at `price`. */
function writeOffer(ctx: DemoContext, client: DemoClient, dealId: string, at: number, price: number): void {
  ctx.at(at)('competitorOffers.create', {
    clientId: client.id,
    dealId,
    competitor: ctx.r.pick(competitors),
    offer: ctx.r.pick(words[client.language].bodySentences),
    price: { amount: Math.round(price / 100) * 100, currency: client.currency },
    offeredOn: ctx.day(at),
  });
  ctx.count('competitor_offer');
}
