import type { AnalyticsSettings } from '../../../shared/domain/analytics.ts';
import type { ClvModel, ClvModels } from '../../../shared/domain/analytics-lifetime.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { storedModelOf } from '../clv-model-store.ts';
import { clientsTouchedSince } from '../changes-since.ts';
import { type DataStand, dataStand, sameStand } from '../data-stand.ts';
import { mendedByClient } from '../mended-by-client.ts';
import type { Scope } from '../scope.ts';
import { type ClientFacts, scopedClientFacts } from '../scoped-clients.ts';
import {
  type LifetimeFigures,
  isAtRisk,
  type Prediction,
  type PurchaseSummary,
  lifetimeFiguresOf,
  predictionOf,
  purchaseSummaries,
  quietRiskSteady,
} from './lifetime.ts';

/** A client's purchase summary in a currency and its model's prediction, both as of one day. */
interface PredictedSummary {
  summary: PurchaseSummary;
  prediction: Prediction | undefined;
}

/** A client's figures, what they were made from, and the moments (ms) over which they hold. */
interface Made {
  facts: ClientFacts;
  predicted: PredictedSummary | undefined;
  from: number;
  until: number;
  figures: LifetimeFigures;
}

/**
 * Figures made, per kept predictions (one map per day, model and settings, mended in place) and per
 * scope's kept facts (likewise): a client's are made again only when its facts or prediction were
 * replaced, or when the moment left the span over which its churn risk stays put (quietRiskSteady).
 */
const made = new WeakMap<
  ReadonlyMap<string, unknown>,
  WeakMap<ReadonlyMap<string, ClientFacts>, Map<string, Made>>
>();

/**
 * The last answer per kept predictions and scope's facts: the figures, where the database stood, the
 * clients whose figures move with every moment (their quiet risk is growing), and the moments over
 * which all the others hold.
 */
interface View {
  stand: DataStand;
  figures: Map<string, LifetimeFigures>;
  moving: Set<string>;
  from: number;
  until: number;
  /** Answers made from these figures ({@link keptWithLifetime}), and whether each moving client was at risk then. */
  derived: Map<string, { atRisk: boolean[]; value: unknown }>;
}

/** The view each answer's figures belong to. */
const viewOfFigures = new WeakMap<ReadonlyMap<string, LifetimeFigures>, View>();

const views = new WeakMap<ReadonlyMap<string, unknown>, WeakMap<ReadonlyMap<string, ClientFacts>, View>>();

/**
 * Every scoped client's lifetime figures in the scope's currency: its purchase summary (one grouped scan
 * of payments by client and day) and the closed-form predictions of the stored model, both kept per
 * client for the day, model and settings and mended after payment changes (mended-by-client.ts). The
 * churn risk's quiet part moves with the moment: while no client's steady span has ended, the last
 * answer is kept, mended for the clients changed since, and only the clients whose quiet risk is
 * growing are worked out again. The map is shared with later answers: read it within the answer, never change it.
 */
export function scopeLifetimeFigures(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  models: ClvModels,
  now: Date,
): ReadonlyMap<string, LifetimeFigures> {
  const { figuresOf, predicted, clients } = lifetimeOfClients(db, scope, settings, models, now);
  const stand = dataStand(db);
  const at = now.getTime();
  const byFacts = views.get(predicted) ?? new WeakMap<ReadonlyMap<string, ClientFacts>, View>();
  views.set(predicted, byFacts);
  const last = byFacts.get(clients);
  if (last && last.from <= at && at < last.until && mended(db, last, stand, clients, figuresOf)) {
    for (const id of last.moving) {
      const facts = clients.get(id);
      if (facts !== undefined) last.figures.set(id, figuresOf(id, facts).figures);
    }
    return last.figures;
  }
  const view: View = {
    stand,
    figures: new Map(),
    moving: new Set(),
    from: -Infinity,
    until: Infinity,
    derived: new Map(),
  };
  for (const [id, facts] of clients) add(view, id, figuresOf(id, facts));
  byFacts.set(clients, view);
  viewOfFigures.set(view.figures, view);
  return view.figures;
}

/** Puts a client's figures in a view, and narrows the moments over which the view holds. */
function add(view: View, id: string, made: Made): void {
  view.figures.set(id, made.figures);
  if (made.from === made.until) view.moving.add(id);
  else {
    view.from = Math.max(view.from, made.from);
    view.until = Math.min(view.until, made.until);
  }
}

/**
 * Brings a view to where the database stands now by making again the figures of the clients whose
 * rows changed since (changes-since.ts); false when it cannot (an import cancelled, another
 * connection wrote, too many changes), and the view is made afresh.
 */
function mended(
  db: ReadDb,
  view: View,
  stand: DataStand,
  clients: ReadonlyMap<string, ClientFacts>,
  figuresOf: (id: string, facts: ClientFacts) => Made,
): boolean {
  if (sameStand(view.stand, stand)) return true;
  if (view.stand.imports !== stand.imports || view.stand.outside !== stand.outside) return false;
  if (view.stand.seq > stand.seq) return false;
  const touched = clientsTouchedSince(db, view.stand.seq, ['client', 'interaction', 'followup', 'payment']);
  if (touched === null) return false;
  for (const id of touched) {
    const facts = clients.get(id);
    if (facts === undefined) view.figures.delete(id);
    else add(view, id, figuresOf(id, facts));
  }
  view.stand = stand;
  view.derived.clear();
  return true;
}

/**
 * A value made from {@link scopeLifetimeFigures}' answer (`figures`) that depends on each client's churn
 * risk only through whether it is at risk (a page's totals, its distribution, its segments): kept while
 * the figures are the same answer and no client whose risk grows with the moment has crossed into or
 * out of being at risk; `key` names the value and whatever else it is made of.
 */
export function keptWithLifetime<T>(
  figures: ReadonlyMap<string, LifetimeFigures>,
  key: string,
  make: () => T,
): T {
  const view = viewOfFigures.get(figures);
  if (view === undefined) return make();
  const atRisk = [...view.moving].map((id) => isAtRisk(figures.get(id)?.churnRisk ?? null));
  const kept = view.derived.get(key);
  if (kept?.atRisk.length === atRisk.length && kept.atRisk.every((was, i) => was === atRisk[i]))
    return kept.value as T;
  const value = make();
  view.derived.set(key, { atRisk, value });
  return value;
}

/** The lifetime figures of some of the scope's clients (a page), as {@link scopeLifetimeFigures} makes them. */
export function someLifetimeFigures(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  models: ClvModels,
  now: Date,
  ids: readonly string[],
): Map<string, LifetimeFigures> {
  const { figuresOf, clients } = lifetimeOfClients(db, scope, settings, models, now);
  const figures = new Map<string, LifetimeFigures>();
  for (const id of ids) {
    const facts = clients.get(id);
    if (facts !== undefined) figures.set(id, figuresOf(id, facts).figures);
  }
  return figures;
}

/** One client's lifetime figures from its facts, made again only when they may have changed. */
function lifetimeOfClients(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  models: ClvModels,
  now: Date,
) {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const model = scope.currency === null ? undefined : storedModelOf(models, scope.currency);
  const predicted = predictedSummaries(db, currency, model, settings, now);
  const clients = scopedClientFacts(db, scope);
  const byFacts = made.get(predicted) ?? new WeakMap<ReadonlyMap<string, ClientFacts>, Map<string, Made>>();
  made.set(predicted, byFacts);
  const memo = byFacts.get(clients) ?? new Map<string, Made>();
  byFacts.set(clients, memo);
  const at = now.getTime();
  const figuresOf = (id: string, facts: ClientFacts): Made => {
    const found = predicted.get(id);
    const before = memo.get(id);
    if (before?.facts === facts && before.predicted === found && before.from <= at && at < before.until)
      return before;
    const figures = lifetimeFiguresOf(found?.summary, found?.prediction, facts, model, now, unit);
    // A client who never bought has no churn risk: its figures do not move with the moment.
    const steady =
      figures.churnRisk === null ? { from: -Infinity, until: Infinity } : quietRiskSteady(facts, now);
    const fresh = { facts, predicted: found, ...steady, figures };
    memo.set(id, fresh);
    return fresh;
  };
  return { figuresOf, predicted, clients };
}

function predictedSummaries(
  db: ReadDb,
  currency: string,
  model: ClvModel | undefined,
  settings: AnalyticsSettings,
  now: Date,
) {
  const today = now.toISOString().slice(0, 10);
  const { horizonMonths, annualDiscountRate } = settings;
  return mendedByClient<PredictedSummary>(db, {
    name: 'lifetime.predictions',
    key: JSON.stringify([currency, today, horizonMonths, annualDiscountRate, model ?? null]),
    tables: ['payment'],
    read: (ids) => {
      const predicted = new Map<string, PredictedSummary>();
      for (const [id, summary] of purchaseSummaries(db, ids, currency, today, annualDiscountRate))
        predicted.set(id, { summary, prediction: predictionOf(summary, model, settings, now) });
      return predicted;
    },
  });
}
