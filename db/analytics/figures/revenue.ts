import type {
  AnalyticsDimension,
  ClientFigures,
  RevenueGroup,
  RevenueReport,
} from '../../../shared/domain/analytics.ts';
import type { ReadDb } from '../../sql.ts';
import type { LiveClient } from '../live-clients.ts';
import { type Scope, scopeOut } from '../scope.ts';

/**
 * Revenue and profit by kind of client, their Pareto curve and the unprofitable count, from the
 * clients' figures over the period. Typed values are grouped as people read them: "Retail" and
 * " retail" are one segment, shown as the most common spelling.
 */
export function revenueReport(
  db: ReadDb,
  scope: Scope,
  figures: readonly ClientFigures[],
  by: AnalyticsDimension,
): Omit<RevenueReport, 'scope'> & { scope: ReturnType<typeof scopeOut> } {
  const keys = dimensionKeys(db, scope, by);
  const groups = new Map<string | null, RevenueGroup & { spellings: Map<string, number> }>();
  const totals = {
    revenue: 0,
    profit: 0,
    costToServe: 0,
    profitAfterService: 0,
    payingClients: 0,
    unprofitableClients: 0,
  };
  for (const client of figures) {
    totals.revenue += client.revenue;
    totals.profit += client.profit;
    totals.costToServe += client.costToServe;
    totals.profitAfterService += client.profitAfterService;
    if (client.revenue > 0) totals.payingClients += 1;
    if (client.profitAfterService < 0) totals.unprofitableClients += 1;
    const found = keys.get(client.clientId) ?? { key: null, label: null };
    let group = groups.get(found.key);
    if (!group) {
      group = {
        key: found.key,
        label: found.label,
        clients: 0,
        revenue: 0,
        profit: 0,
        costToServe: 0,
        profitAfterService: 0,
        spellings: new Map(),
      };
      groups.set(found.key, group);
    }
    group.clients += 1;
    group.revenue += client.revenue;
    group.profit += client.profit;
    group.costToServe += client.costToServe;
    group.profitAfterService += client.profitAfterService;
    if (found.label !== null) group.spellings.set(found.label, (group.spellings.get(found.label) ?? 0) + 1);
  }
  const out = [...groups.values()]
    .map(({ spellings, ...group }) => ({
      ...group,
      label: mostCommon(spellings) ?? group.label,
      revenue: cents(group.revenue),
      profit: cents(group.profit),
      costToServe: cents(group.costToServe),
      profitAfterService: cents(group.profitAfterService),
    }))
    .sort((a, b) => b.profit - a.profit || (a.label ?? '').localeCompare(b.label ?? ''));
  const curve = paretoCurve(figures);
  return {
    scope: scopeOut(scope),
    totals: {
      ...totals,
      revenue: cents(totals.revenue),
      profit: cents(totals.profit),
      costToServe: cents(totals.costToServe),
      profitAfterService: cents(totals.profitAfterService),
    },
    by,
    groups: out,
    pareto: curve.points,
    topFifthProfitShare: curve.topFifthProfit,
    topFifthRevenueShare: curve.topFifthRevenue,
  };
}

/**
 * The Pareto curve of the paying clients (revenue above zero) ordered by profit, largest first: at each
 * 5 % of them, the share of the total revenue and profit they bring. The "top fifth" shares are exact
 * at ⌈20 %⌉ of the clients. Shares are of the positive total; `null` when there is none.
 */
export function paretoCurve(figures: readonly Pick<ClientFigures, 'revenue' | 'profit'>[]): {
  points: { clientShare: number; revenueShare: number; profitShare: number }[];
  topFifthProfit: number | null;
  topFifthRevenue: number | null;
} {
  const paying = byProfit(figures);
  const totalProfit = paying.reduce((sum, client) => sum + client.profit, 0);
  const totalRevenue = paying.reduce((sum, client) => sum + client.revenue, 0);
  if (paying.length === 0 || totalRevenue <= 0)
    return { points: [], topFifthProfit: null, topFifthRevenue: null };
  const profitAt: number[] = [0];
  const revenueAt: number[] = [0];
  for (const client of paying) {
    profitAt.push((profitAt.at(-1) ?? 0) + client.profit);
    revenueAt.push((revenueAt.at(-1) ?? 0) + client.revenue);
  }
  const share = (value: number, total: number) =>
    total > 0 ? Math.round((value / total) * 10_000) / 10_000 : 0;
  const points = [];
  for (let step = 0; step <= 20; step++) {
    const count = Math.ceil((paying.length * step) / 20);
    points.push({
      clientShare: step / 20,
      revenueShare: share(revenueAt[count] ?? 0, totalRevenue),
      profitShare: share(profitAt[count] ?? 0, totalProfit),
    });
  }
  const fifth = Math.ceil(paying.length * 0.2);
  return {
    points,
    topFifthProfit: totalProfit > 0 ? share(profitAt[fifth] ?? 0, totalProfit) : null,
    topFifthRevenue: share(revenueAt[fifth] ?? 0, totalRevenue),
  };
}

/** The ids of the top fifth of paying clients by profit (the clients behind `topFifthProfitShare`). */
export function topFifthClientIds(figures: readonly ClientFigures[]): string[] {
  const paying = byProfit(figures);
  return paying.slice(0, Math.ceil(paying.length * 0.2)).map((client) => client.clientId);
}

/**
 * The paying clients (revenue above zero) by profit, largest first; equal profits by id, so the curve and
 * the top fifth do not depend on the order the clients were read in.
 */
function byProfit<T extends Pick<ClientFigures, 'revenue' | 'profit'> & { clientId?: string }>(
  figures: readonly T[],
): T[] {
  return figures
    .filter((client) => client.revenue > 0)
    .sort((a, b) => b.profit - a.profit || byId(a.clientId ?? '', b.clientId ?? ''));
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each scoped client's group key and label for a dimension (from the cache of live clients). */
export function dimensionKeys(
  db: ReadDb,
  scope: Scope,
  by: AnalyticsDimension,
): Map<string, { key: string | null; label: string | null }> {
  const owners =
    by === 'owner'
      ? new Map(
          (db.prepare('SELECT id, name FROM team_member').all() as { id: string; name: string }[]).map(
            ({ id, name }) => [id, name],
          ),
        )
      : new Map<string, string>();
  // One key object per distinct value (a few hundred among 100k clients), shared by its clients.
  const byValue = new Map<string | null, { key: string | null; label: string | null }>();
  const keys = new Map<string, { key: string | null; label: string | null }>();
  for (const client of scope.kept) {
    const value = by === 'owner' ? client.ownerId : by === 'stage' ? client.stage : client[by];
    let key = byValue.get(value);
    if (key === undefined) {
      key = keyOf(client, by, owners);
      byValue.set(value, key);
    }
    keys.set(client.id, key);
  }
  return keys;
}

function keyOf(
  client: LiveClient,
  by: AnalyticsDimension,
  owners: ReadonlyMap<string, string>,
): { key: string | null; label: string | null } {
  switch (by) {
    case 'owner':
      return {
        key: client.ownerId,
        label: client.ownerId === null ? null : (owners.get(client.ownerId) ?? null),
      };
    case 'stage':
      return { key: client.stage, label: client.stage };
    default:
      return typedGroup(client[by]);
  }
}

/**
 * The group of a typed value (segment, industry, region, source): the same words in another case or with
 * spaces around are one group, labelled as typed; no value is the group `null`.
 */
export function typedGroup(value: string | null): { key: string | null; label: string | null } {
  const label = value?.trim() || null;
  return { key: label === null ? null : label.toLowerCase(), label };
}

function mostCommon(spellings: Map<string, number>): string | null {
  let best: string | null = null;
  let count = 0;
  for (const [spelling, n] of spellings)
    if (n > count || (n === count && best !== null && spelling < best)) {
      best = spelling;
      count = n;
    }
  return best;
}

/** Sums of amounts rounded to cents, so floating-point dust never shows. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
