import type {
  CompetitorFigures,
  ForecastMonth,
  PipelineStage,
  SalesReport,
} from '../../../shared/domain/analytics-sales.ts';
import { openDealStageNames } from '../../../shared/domain/analytics-sales.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { keptAnswer, scopeKey } from '../kept-answers.ts';
import { groupedByClient, mendedByClient, onlyClients } from '../mended-by-client.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import {
  type OpenDealStage,
  daysApart,
  defaultProbabilities,
  forecastMonthOf,
  forecastMonths,
  groupTexts,
  median,
  priceGap,
  rate,
  textKey,
  weightedValue,
} from './sales-math.ts';

/** A deal as the sales figures read it; `value` in major units of `currency`, `null` when it has none. */
export interface SalesDeal {
  clientId: string;
  stage: 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost';
  value: number | null;
  currency: string | null;
  probability: number | null;
  expectedCloseOn: string | null;
  closedOn: string | null;
  createdAt: string;
  reason: string | null;
  competitor: string | null;
}

/** A competitor's offer; `price` in major units, and our linked deal's value when it has one. */
export interface SalesOffer {
  competitor: string;
  price: number | null;
  priceCurrency: string | null;
  dealValue: number | null;
  dealCurrency: string | null;
}

interface DealRow {
  client_id: string;
  stage: SalesDeal['stage'];
  value_minor: number | null;
  currency: string | null;
  probability: number | null;
  expected_close_on: string | null;
  closed_on: string | null;
  created_at: string;
  reason: string | null;
  competitor: string | null;
}

/**
 * The scoped clients' deals the sales page looks at: every open deal, and the deals won or lost during
 * the period (by their close day). Read per client once and mended after changes (mended-by-client.ts),
 * joined in memory to the scope's clients.
 */
export function salesDeals(db: ReadDb, scope: Scope): SalesDeal[] {
  const all = periodDeals(db, scope.from, scope.to);
  const clients = scopedClientFacts(db, scope);
  const deals: SalesDeal[] = [];
  for (const [id, own] of all) if (clients.has(id)) deals.push(...own);
  return deals;
}

/** Every live deal open now or closed from `from` to `to`, by client. */
function periodDeals(db: ReadDb, from: string, to: string) {
  return mendedByClient<SalesDeal[]>(db, {
    name: 'sales.deals',
    key: `${from}/${to}`,
    tables: ['deal'],
    read: (ids) => {
      const rows = db
        .prepare(
          // Every client: one pass over the deal rows (about 100 ms at 100k clients) beats walking the
          // index by creation and looking up each deal (about 300 ms).
          `SELECT d.client_id, d.stage, d.value_minor, d.currency, d.probability, d.expected_close_on,
                  d.closed_on, d.created_at, d.reason, d.competitor
             FROM deal AS d ${ids === null ? 'NOT INDEXED' : ''}
            WHERE d.deleted_at IS NULL ${onlyClients('d.client_id', ids)}
              AND (d.stage IN ('qualification', 'proposal', 'negotiation')
                   OR (d.stage IN ('won', 'lost') AND d.closed_on BETWEEN @from AND @to))`,
        )
        .all({ from, to, ...(ids === null ? {} : { ids }) }) as DealRow[];
      return groupedByClient(rows.map(salesDealOf), (deal) => deal.clientId);
    },
  });
}

function salesDealOf(row: DealRow): SalesDeal {
  return {
    clientId: row.client_id,
    stage: row.stage,
    value:
      row.value_minor === null || row.currency === null
        ? null
        : row.value_minor / 10 ** currencyDigits(row.currency),
    currency: row.currency,
    probability: row.probability,
    expectedCloseOn: row.expected_close_on,
    closedOn: row.closed_on,
    createdAt: row.created_at,
    reason: row.reason,
    competitor: row.competitor,
  };
}

/**
 * The competitors' offers made to the scoped clients during the period, with the deal each is against:
 * a few thousand rows a year, read on each call (an offer's deal may belong to another client, which
 * mending by client would miss) and joined in memory to the scope's clients.
 */
export function salesOffers(db: ReadDb, scope: Scope): SalesOffer[] {
  const rows = db
    .prepare(
      `SELECT o.client_id, o.competitor, o.price, d.value_minor, d.currency
         FROM competitor_offer AS o
         LEFT JOIN deal AS d ON d.id = o.deal_id AND d.deleted_at IS NULL
        WHERE o.deleted_at IS NULL AND o.offered_on BETWEEN ? AND ?`,
    )
    .all(scope.from, scope.to) as {
    client_id: string;
    competitor: string;
    price: string | null;
    value_minor: number | null;
    currency: string | null;
  }[];
  const clients = scopedClientFacts(db, scope);
  return rows
    .filter((row) => clients.has(row.client_id))
    .map((row) => {
      const price = parseMoney(row.price);
      return {
        competitor: row.competitor,
        price: price?.amount ?? null,
        priceCurrency: price?.currency ?? null,
        dealValue:
          row.value_minor === null || row.currency === null
            ? null
            : row.value_minor / 10 ** currencyDigits(row.currency),
        dealCurrency: row.currency,
      };
    });
}

function parseMoney(json: string | null): { amount: number; currency: string } | null {
  if (json === null) return null;
  const value = JSON.parse(json) as { amount?: unknown; currency?: unknown } | null;
  return typeof value?.amount === 'number' && typeof value.currency === 'string'
    ? { amount: value.amount, currency: value.currency.toUpperCase() }
    : null;
}

/**
 * The sales figures in one currency: deals valued in another are left out of everything except the win
 * rate and the lost reasons (a count of wins means the same in any currency); deals with no value count
 * as deals worth nothing. The forecast looks from `today`, not the period: it is about what is open now.
 */
export function salesFigures(
  deals: readonly SalesDeal[],
  offers: readonly SalesOffer[],
  currency: string | null,
  today: string,
): Omit<SalesReport, 'scope'> {
  const ours = (deal: SalesDeal) => deal.currency === null || deal.currency === currency;
  const open = deals.filter((deal) => isOpen(deal.stage));
  const counted = open.filter(ours);
  const pipeline = openDealStageNames.map((stage): PipelineStage => {
    const of = counted.filter((deal) => deal.stage === stage);
    return {
      stage,
      deals: of.length,
      unpriced: of.filter((deal) => deal.value === null).length,
      value: cents(sum(of.map((deal) => deal.value ?? 0))),
      weighted: cents(sum(of.map((deal) => weightedValue(deal.value ?? 0, deal.probability, stage)))),
      defaultProbability: defaultProbabilities[stage],
    };
  });
  const won = deals.filter((deal) => deal.stage === 'won');
  const lost = deals.filter((deal) => deal.stage === 'lost');
  const wonValued = won.filter((deal) => deal.value !== null && deal.currency === currency);
  const wonValue = sum(wonValued.map((deal) => deal.value ?? 0));
  const cycle = median(
    won
      .filter((deal) => deal.closedOn !== null)
      .map((deal) => daysApart(deal.createdAt.slice(0, 10), deal.closedOn ?? '')),
  );
  return {
    pipeline,
    totals: {
      openDeals: counted.length,
      openValue: cents(sum(pipeline.map((stage) => stage.value))),
      weighted: cents(sum(pipeline.map((stage) => stage.weighted))),
      otherCurrency: open.length - counted.length,
    },
    forecast: forecast(counted, today),
    won: won.length,
    lost: lost.length,
    winRate: rate(won.length, won.length + lost.length),
    averageWonValue: wonValued.length > 0 ? cents(wonValue / wonValued.length) : null,
    wonValue: cents(wonValue),
    salesCycleDays: cycle === null ? null : Math.round(cycle * 10) / 10,
    lostReasons: groupTexts(lost.map((deal) => deal.reason)).map((group) => ({
      key: group.key,
      label: group.label,
      deals: group.count,
    })),
    competitors: competitorFigures(lost, offers, currency),
  };
}

function isOpen(stage: SalesDeal['stage']): stage is OpenDealStage {
  return stage === 'qualification' || stage === 'proposal' || stage === 'negotiation';
}

/** Open deals by the month they are expected to close: overdue first, then twelve months, later, unscheduled. */
export function forecast(open: readonly SalesDeal[], today: string): ForecastMonth[] {
  const buckets = new Map<string, ForecastMonth>();
  for (const month of ['overdue', ...forecastMonths(today), 'later', 'unscheduled'])
    buckets.set(month, { month, deals: 0, value: 0, weighted: 0 });
  for (const deal of open) {
    if (!isOpen(deal.stage)) continue;
    const bucket = buckets.get(forecastMonthOf(deal.expectedCloseOn, today));
    if (!bucket) continue;
    bucket.deals += 1;
    bucket.value += deal.value ?? 0;
    bucket.weighted += weightedValue(deal.value ?? 0, deal.probability, deal.stage);
  }
  return [...buckets.values()]
    .filter((bucket) => bucket.deals > 0 || /^\d{4}-\d{2}$/.test(bucket.month))
    .map((bucket) => ({ ...bucket, value: cents(bucket.value), weighted: cents(bucket.weighted) }));
}

/**
 * Per competitor (names grouped case-insensitively): its offers in the period, our deals lost to it,
 * and the median price gap of its offers against the deal each was made for, where both are priced in
 * the scope's currency and ours is above zero.
 */
export function competitorFigures(
  lost: readonly SalesDeal[],
  offers: readonly SalesOffer[],
  currency: string | null,
): CompetitorFigures[] {
  const names = groupTexts([
    ...offers.map((offer) => offer.competitor),
    ...lost.map((deal) => deal.competitor),
  ]);
  return names
    .filter((name) => name.key !== null)
    .map((name) => {
      const own = offers.filter((offer) => textKey(offer.competitor) === name.key);
      const gaps: number[] = [];
      for (const offer of own) {
        if (offer.price === null || offer.dealValue === null) continue;
        if (offer.priceCurrency !== currency || offer.dealCurrency !== currency) continue;
        const gap = priceGap(offer.price, offer.dealValue);
        if (gap !== null) gaps.push(gap);
      }
      const gap = median(gaps);
      return {
        key: name.key ?? '',
        label: name.label ?? '',
        offers: own.length,
        dealsLost: lost.filter((deal) => textKey(deal.competitor) === name.key).length,
        medianPriceGap: gap === null ? null : Math.round(gap * 10_000) / 10_000,
        priceCompared: gaps.length,
      };
    })
    .sort((a, b) => b.dealsLost - a.dealsLost || b.offers - a.offers || a.label.localeCompare(b.label));
}

/** The sales page's answer: made of deals, offers and clients alone, so kept while none changed. */
export function salesReport(db: ReadDb, scope: Scope, today: string): SalesReport {
  const figures = keptAnswer(db, {
    name: 'sales',
    key: `${scopeKey(scope)}/${today}`,
    tables: ['deal', 'competitor_offer', 'client'],
    compute: () => salesFigures(salesDeals(db, scope), salesOffers(db, scope), scope.currency, today),
  });
  return { scope: scopeOut(scope), ...figures };
}

/**
 * Drill-downs of the sales page: `pipeline:<stage>` (clients with open deals of the stage in the
 * scope's currency or unpriced), `lostTo:<competitor>` (clients of deals lost to it in the period),
 * `won` (clients whose deals were won in the period), `lostReason:<reason>`.
 */
export function salesDrill(db: ReadDb, scope: Scope, set: string, value: string): string[] {
  const deals = salesDeals(db, scope);
  const wanted = textKey(value);
  const kept = deals.filter((deal) => {
    switch (set) {
      case 'pipeline':
        return deal.stage === value && (deal.currency === null || deal.currency === scope.currency);
      case 'lostTo':
        return deal.stage === 'lost' && textKey(deal.competitor) === wanted;
      case 'lostReason':
        return deal.stage === 'lost' && textKey(deal.reason) === wanted;
      default:
        return deal.stage === 'won';
    }
  });
  return [...new Set(kept.map((deal) => deal.clientId))];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Sums of amounts rounded to cents, so floating-point dust never shows. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
