import { AppError } from '../../shared/api/errors.ts';
import {
  AnalyticsDrill,
  type AnalyticsDimension,
  analyticsDimensions,
} from '../../shared/domain/analytics.ts';
import type { ReadDb } from '../sql.ts';
import { clientFigures } from './figures/client-figures.ts';
import { dimensionKeys, topFifthClientIds } from './figures/revenue.ts';
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
  // Lifetime value: atRisk, buyAgain, predictedValue:<from>:<to>.
  ...lifetimeDrills,
};

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
