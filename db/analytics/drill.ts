import { AppError } from '../../shared/api/errors.ts';
import {
  AnalyticsDrill,
  type AnalyticsDimension,
  analyticsDimensions,
} from '../../shared/domain/analytics.ts';
import {
  type TeamDimension,
  type TeamMeasure,
  teamDimensions,
  teamMeasures,
} from '../../shared/domain/analytics-sales.ts';
import type { ReadDb } from '../sql.ts';
import { clientFigures } from './figures/client-figures.ts';
import { moneyDrillResolvers } from './figures/money-drill.ts';
import { lifecycleDrill } from './figures/lifecycle.ts';
import { salesDrill } from './figures/sales.ts';
import { teamDrill } from './figures/team.ts';
import { cohortClientIds, lostClientIds, purchaseHistories } from './figures/retention.ts';
import { dimensionKeys, topFifthClientIds } from './figures/revenue.ts';
import { segmentedClients, vipSuggestionsOf } from './figures/segments.ts';
import { type Scope, resolveScope } from './scope.ts';
import { readAnalyticsSettings } from './settings.ts';
import { lifetimeDrills } from './figures/lifetime-drills.ts';

/** What a drill-down set is resolved with. */
export interface DrillContext {
  db: ReadDb;
  scope: Scope;
  now: Date;
  today: string;
}

/**
 * Resolvers of the named sets of clients behind Insights numbers, by the set's first segment
 * (`unprofitable`, `group:segment:retail` → `group`). Each page adds its own sets here.
 */
const resolvers: Record<string, (context: DrillContext, rest: string[]) => string[]> = {
  /** Clients that bring less than they cost to serve. */
  unprofitable: (context) =>
    figuresOf(context)
      .filter((c) => c.profitAfterService < 0)
      .map((c) => c.clientId),
  /** Clients with revenue in the period. */
  paying: (context) =>
    figuresOf(context)
      .filter((c) => c.revenue > 0)
      .map((c) => c.clientId),
  /** The top fifth of paying clients by profit. */
  topFifth: (context) => topFifthClientIds(figuresOf(context)),
  /** The clients of one kind: `group:<dimension>:<key>`, an empty key for "none". */
  group: (context, [dimension = '', ...key]) => {
    if (!(analyticsDimensions as readonly string[]).includes(dimension))
      throw unknownSet(`group:${dimension}`);
    const wanted = key.join(':') || null;
    const keys = dimensionKeys(context.db, context.scope, dimension as AnalyticsDimension);
    return [...keys].filter(([, found]) => found.key === wanted).map(([id]) => id);
  },
  ...moneyDrillResolvers(unknownSet),
  /** Lifecycle: ever in a stage by the period's end (`reached:lead`), entering it in the period, new by source. */
  reached: (context, rest) => lifecycleDrill(context.db, context.scope, 'reached', rest.join(':')),
  atLeast: (context, rest) => lifecycleDrill(context.db, context.scope, 'atLeast', rest.join(':')),
  entered: (context, rest) => lifecycleDrill(context.db, context.scope, 'entered', rest.join(':')),
  newClients: (context) => lifecycleDrill(context.db, context.scope, 'newClients', ''),
  newBySource: (context, rest) => lifecycleDrill(context.db, context.scope, 'newBySource', rest.join(':')),
  /** Sales: open deals of a stage, deals lost to a competitor or for a reason, deals won in the period. */
  pipeline: (context, rest) => salesDrill(context.db, context.scope, 'pipeline', rest.join(':')),
  lostTo: (context, rest) => salesDrill(context.db, context.scope, 'lostTo', rest.join(':')),
  lostReason: (context, rest) => salesDrill(context.db, context.scope, 'lostReason', rest.join(':')),
  won: (context) => salesDrill(context.db, context.scope, 'won', ''),
  /** Team: `team:<owner|region>:<gained|kept|lost|won>:<key>`, an empty key for "none". */
  team: (context, [by = '', measure = '', ...key]) => {
    if (
      !(teamDimensions as readonly string[]).includes(by) ||
      !(teamMeasures as readonly string[]).includes(measure)
    )
      throw unknownSet(`team:${by}:${measure}`);
    const wanted = key.join(':') || null;
    return teamDrill(
      context.db,
      context.scope,
      by as TeamDimension,
      measure as TeamMeasure,
      wanted,
      context.now,
    );
  },
  /** Paying clients of one RFM segment: `rfm:champions`. */
  rfm: (context, [segment = '']) =>
    segmentedOf(context)
      .filter((c) => c.rfm.segment === segment)
      .map((c) => c.clientId),
  /** Paying clients of one cell of the R × F grid: `rfmCell:5:4` (R 5, F 4). */
  rfmCell: (context, [r = '', f = '']) =>
    segmentedOf(context)
      .filter((c) => String(c.rfm.r) === r && String(c.rfm.f) === f)
      .map((c) => c.clientId),
  /** Paying clients of one ABC class: `abc:A`. */
  abc: (context, [abc = '']) =>
    segmentedOf(context)
      .filter((c) => c.abc === abc)
      .map((c) => c.clientId),
  /** Clients in A or champions not marked VIP. */
  vipSuggested: (context) => vipSuggestionsOf(segmentedOf(context)).map((c) => c.clientId),
  /** Clients lost in a month of the period: `lost:2026-03`. */
  lost: (context, [month = '']) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw unknownSet(`lost:${month}`);
    return lostClientIds(historiesOf(context), context.scope, context.today, month);
  },
  /** Clients active at the start of the period and lost during it. */
  lostInPeriod: (context) => lostClientIds(historiesOf(context), context.scope, context.today, null),
  /** Clients whose first purchase was in a month: `cohort:2026-01`. */
  cohort: (context, [month = '']) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw unknownSet(`cohort:${month}`);
    return cohortClientIds(historiesOf(context), month);
  },
  // Lifetime value: atRisk, buyAgain, predictedValue:<from>:<to>.
  ...lifetimeDrills,
};

function segmentedOf(context: DrillContext) {
  return segmentedClients(context.db, context.scope, context.today);
}

function historiesOf(context: DrillContext) {
  return purchaseHistories(context.db, context.scope, context.today);
}

function figuresOf(context: DrillContext) {
  return clientFigures(context.db, context.scope, readAnalyticsSettings(context.db), context.today);
}

/** The ids of the clients behind a drill-down, in no particular order. */
export function drillClientIds(db: ReadDb, drill: AnalyticsDrill, now: Date): string[] {
  const parsed = AnalyticsDrill.parse(drill);
  const scope = resolveScope(db, parsed, now);
  const [name = '', ...rest] = parsed.set.split(':');
  const resolve = resolvers[name];
  if (!resolve) throw unknownSet(parsed.set);
  return resolve({ db, scope, now, today: now.toISOString().slice(0, 10) }, rest);
}

function unknownSet(set: string): AppError {
  const message = `Insights have no set of clients called "${set}".`;
  return new AppError('validation', `Check the input — drill.set: ${message}`, {
    issues: [{ path: 'drill.set', rule: 'unknown_set', message }],
  });
}
