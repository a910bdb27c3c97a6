import type {
  TeamDimension,
  TeamMeasure,
  TeamReport,
  TeamRow,
} from '../../../shared/domain/analytics-sales.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { groupedByClient, mendedByClient, onlyClients } from '../mended-by-client.ts';
import { type Scope, daysBetween, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import { followupTiming, groupTexts, rate, textKey } from './sales-math.ts';

/** A scoped client as the team page groups it. */
export interface TeamClient {
  id: string;
  ownerId: string | null;
  region: string | null;
  createdAt: string;
}

/** What the team page reads, each already tied to a client (or, for logged calls, to their author). */
export interface TeamInputs {
  clients: readonly TeamClient[];
  /** Calls and meetings logged in the period: by author (`userId`) and by client. */
  interactions: readonly { clientId: string; userId: string | null; calls: number; meetings: number }[];
  /** Follow-ups due in the period. */
  followups: readonly {
    clientId: string;
    assigneeId: string | null;
    dueAt: string;
    allDay: boolean;
    status: string;
    completedAt: string | null;
  }[];
  /** Per client: paid in the period, paid in the one before, revenue and profit in the period. */
  payments: readonly {
    clientId: string;
    paidNow: boolean;
    paidBefore: boolean;
    revenue: number;
    profit: number;
  }[];
  /** Deals won or lost in the period. */
  deals: readonly { clientId: string; ownerId: string | null; stage: 'won' | 'lost' }[];
  /** The team members' names by id. */
  names: ReadonlyMap<string, string>;
}

/** The clients behind each team number, by group key, for the table and its drill-downs. */
export type TeamSets = Map<string | null, Record<TeamMeasure, Set<string>>>;

/**
 * Per owner or per region: calls and meetings logged (for owners by whoever logged them, for regions by
 * the client's region), follow-ups due in the period done on time or overdue (for owners by assignee,
 * else the client's owner), clients gained (created in the period), kept (paid in the period and the one
 * before) and lost (paid in the one before, not in this one), revenue, profit and deals won and lost
 * (for owners by the deal's owner, else the client's). Everything else follows the client's owner.
 */
export function teamTable(
  inputs: TeamInputs,
  by: TeamDimension,
  range: { fromMoment: string; toMomentExclusive: string; now: string },
): { rows: TeamRow[]; sets: TeamSets } {
  const clients = new Map(inputs.clients.map((client) => [client.id, client]));
  const regionLabels = new Map(
    groupTexts(inputs.clients.map((client) => client.region)).map((group) => [group.key, group.label]),
  );
  const keyOfClient = (client: TeamClient) => (by === 'owner' ? client.ownerId : textKey(client.region));
  const rows = new Map<string | null, TeamRow>();
  const sets: TeamSets = new Map();
  const row = (key: string | null) => {
    let found = rows.get(key);
    if (!found) {
      found = emptyRow(
        key,
        by === 'owner'
          ? key === null
            ? null
            : (inputs.names.get(key) ?? null)
          : (regionLabels.get(key) ?? null),
      );
      rows.set(key, found);
      sets.set(key, { gained: new Set(), kept: new Set(), lost: new Set(), won: new Set() });
    }
    return found;
  };
  const setOf = (key: string | null, measure: TeamMeasure) => {
    row(key);
    return sets.get(key)?.[measure] ?? new Set<string>();
  };
  for (const logged of inputs.interactions) {
    const client = clients.get(logged.clientId);
    if (!client) continue;
    const target = row(by === 'owner' ? logged.userId : keyOfClient(client));
    target.calls += logged.calls;
    target.meetings += logged.meetings;
  }
  for (const followup of inputs.followups) {
    const client = clients.get(followup.clientId);
    if (!client) continue;
    const timing = followupTiming(followup, range.now);
    if (timing !== 'onTime' && timing !== 'late' && timing !== 'overdue') continue;
    const target = row(by === 'owner' ? (followup.assigneeId ?? client.ownerId) : keyOfClient(client));
    if (timing === 'onTime') target.followupsOnTime += 1;
    else target.followupsOverdue += 1;
  }
  for (const client of inputs.clients) {
    if (client.createdAt >= range.fromMoment && client.createdAt < range.toMomentExclusive) {
      row(keyOfClient(client)).gained += 1;
      setOf(keyOfClient(client), 'gained').add(client.id);
    }
  }
  for (const paid of inputs.payments) {
    const client = clients.get(paid.clientId);
    if (!client) continue;
    const key = keyOfClient(client);
    const target = row(key);
    target.revenue += paid.revenue;
    target.profit += paid.profit;
    if (paid.paidBefore && paid.paidNow) {
      target.kept += 1;
      setOf(key, 'kept').add(client.id);
    } else if (paid.paidBefore) {
      target.lost += 1;
      setOf(key, 'lost').add(client.id);
    }
  }
  for (const deal of inputs.deals) {
    const client = clients.get(deal.clientId);
    if (!client) continue;
    const key = by === 'owner' ? (deal.ownerId ?? client.ownerId) : keyOfClient(client);
    const target = row(key);
    if (deal.stage === 'won') {
      target.dealsWon += 1;
      setOf(key, 'won').add(client.id);
    } else target.dealsLost += 1;
  }
  const out = [...rows.values()].map((found) => ({
    ...found,
    revenue: cents(found.revenue),
    profit: cents(found.profit),
    winRate: rate(found.dealsWon, found.dealsWon + found.dealsLost),
  }));
  out.sort((a, b) => b.revenue - a.revenue || (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff'));
  return { rows: out, sets };
}

function emptyRow(key: string | null, label: string | null): TeamRow {
  return {
    key,
    label,
    calls: 0,
    meetings: 0,
    followupsOnTime: 0,
    followupsOverdue: 0,
    gained: 0,
    kept: 0,
    lost: 0,
    revenue: 0,
    profit: 0,
    dealsWon: 0,
    dealsLost: 0,
    winRate: null,
  };
}

/** The period before one, of the same length. */
export function periodBefore(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  const start = new Date(`${from}T00:00:00.000Z`);
  start.setUTCDate(start.getUTCDate() - days);
  const end = new Date(`${from}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/**
 * Reads what the team page needs: the scoped clients, and per client the calls and meetings of the
 * period by author, the follow-ups due in it, its payments of both periods and its deals closed in the
 * period, each read once (grouped reads over covering indexes) and mended after changes
 * (mended-by-client.ts), joined in memory to the scope.
 */
export function teamInputs(db: ReadDb, scope: Scope): TeamInputs {
  const facts = scopedClientFacts(db, scope);
  const clients: TeamClient[] = [];
  for (const [id, client] of facts)
    clients.push({ id, ownerId: client.ownerId, region: client.region, createdAt: client.createdAt });
  const scoped = <T>(byClient: ReadonlyMap<string, readonly T[]>) => {
    const kept: T[] = [];
    for (const [id, rows] of byClient) if (facts.has(id)) kept.push(...rows);
    return kept;
  };
  const names = new Map(
    (db.prepare(`SELECT id, name FROM team_member`).all() as { id: string; name: string }[]).map((m) => [
      m.id,
      m.name,
    ]),
  );
  return {
    clients,
    interactions: scoped(loggedContacts(db, scope)),
    followups: scoped(dueFollowups(db, scope)),
    payments: scoped(periodPayments(db, scope)),
    deals: scoped(closedDeals(db, scope)),
    names,
  };
}

/** Rows of one client-owned read grouped by their `clientId`. */
function byClient<T extends { clientId: string }>(rows: readonly T[]): Map<string, T[]> {
  return groupedByClient(rows, (row) => row.clientId);
}

/** Calls and meetings logged in the period, by client and author. */
function loggedContacts(db: ReadDb, scope: Scope) {
  return mendedByClient<TeamInputs['interactions'][number][]>(db, {
    name: 'team.interactions',
    key: `${scope.fromMoment}/${scope.toMomentExclusive}`,
    tables: ['interaction'],
    read: (ids) =>
      byClient(
        db
          .prepare(
            // The planner, without statistics, prefers the narrower time index and reads every row of the
            // table for the kind and author: the covering index is named so the range never leaves it.
            `SELECT client_id AS clientId, user_id AS userId, sum(kind = 'call') AS calls,
                    sum(kind = 'meeting') AS meetings
               FROM interaction ${ids === null ? 'INDEXED BY interaction_live_by_time_cost' : ''}
              WHERE deleted_at IS NULL AND occurred_at >= @from AND occurred_at < @to
                AND kind IN ('call', 'meeting') ${onlyClients('client_id', ids)}
              GROUP BY client_id, user_id`,
          )
          .all({
            from: scope.fromMoment,
            to: scope.toMomentExclusive,
            ...(ids === null ? {} : { ids }),
          }) as TeamInputs['interactions'][number][],
      ),
  });
}

/** Follow-ups due in the period, by client. */
function dueFollowups(db: ReadDb, scope: Scope) {
  return mendedByClient<TeamInputs['followups'][number][]>(db, {
    name: 'team.followups',
    key: `${scope.fromMoment}/${scope.toMomentExclusive}`,
    tables: ['followup'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT client_id, assignee_id, due_at, all_day, status, completed_at FROM followup
            WHERE deleted_at IS NULL AND due_at >= @from AND due_at < @to ${onlyClients('client_id', ids)}`,
        )
        .all({ from: scope.fromMoment, to: scope.toMomentExclusive, ...(ids === null ? {} : { ids }) }) as {
        client_id: string;
        assignee_id: string | null;
        due_at: string;
        all_day: number;
        status: string;
        completed_at: string | null;
      }[];
      return byClient(
        rows.map((f) => ({
          clientId: f.client_id,
          assigneeId: f.assignee_id,
          dueAt: f.due_at,
          allDay: f.all_day === 1,
          status: f.status,
          completedAt: f.completed_at,
        })),
      );
    },
  });
}

/** Per client: paid in the period and the one before, revenue and profit in the period. */
function periodPayments(db: ReadDb, scope: Scope) {
  const previous = periodBefore(scope.from, scope.to);
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const currency = scope.currency ?? '';
  return mendedByClient<TeamInputs['payments'][number][]>(db, {
    name: 'team.payments',
    key: `${previous.from}/${scope.from}/${scope.to}/${currency}`,
    tables: ['payment'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT client_id,
                  max(kind = 'payment' AND amount_minor > 0 AND day >= @from) AS paid_now,
                  max(kind = 'payment' AND amount_minor > 0 AND day < @from) AS paid_before,
                  sum(CASE WHEN day >= @from AND currency = @currency
                           THEN CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END ELSE 0 END) AS revenue,
                  sum(CASE WHEN day >= @from AND currency = @currency AND kind = 'payment'
                           THEN coalesce(cost_minor, 0) ELSE 0 END) AS cost
             FROM (SELECT client_id, kind, currency, amount_minor, cost_minor, coalesce(paid_on, issued_on) AS day
                     FROM payment WHERE deleted_at IS NULL AND kind IN ('payment', 'refund')
                     ${onlyClients('client_id', ids)})
            WHERE day BETWEEN @before AND @to
            GROUP BY client_id`,
        )
        .all({
          from: scope.from,
          to: scope.to,
          before: previous.from,
          currency,
          ...(ids === null ? {} : { ids }),
        }) as {
        client_id: string;
        paid_now: number;
        paid_before: number;
        revenue: number;
        cost: number;
      }[];
      return byClient(
        rows.map((p) => ({
          clientId: p.client_id,
          paidNow: p.paid_now === 1,
          paidBefore: p.paid_before === 1,
          revenue: p.revenue / unit,
          profit: (p.revenue - p.cost) / unit,
        })),
      );
    },
  });
}

/** Deals won or lost in the period, by client. */
function closedDeals(db: ReadDb, scope: Scope) {
  return mendedByClient<TeamInputs['deals'][number][]>(db, {
    name: 'team.deals',
    key: `${scope.from}/${scope.to}`,
    tables: ['deal'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT client_id, owner_id, stage FROM deal
            WHERE deleted_at IS NULL AND stage IN ('won', 'lost') AND closed_on BETWEEN @from AND @to
              ${onlyClients('client_id', ids)}`,
        )
        .all({ from: scope.from, to: scope.to, ...(ids === null ? {} : { ids }) }) as {
        client_id: string;
        owner_id: string | null;
        stage: 'won' | 'lost';
      }[];
      return byClient(rows.map((d) => ({ clientId: d.client_id, ownerId: d.owner_id, stage: d.stage })));
    },
  });
}

/** The team page's answer. */
export function teamReport(db: ReadDb, scope: Scope, by: TeamDimension, now: Date): TeamReport {
  const { rows } = teamTable(teamInputs(db, scope), by, { ...scope, now: now.toISOString() });
  return { scope: scopeOut(scope), by, rows, previous: periodBefore(scope.from, scope.to) };
}

/** Drill-down of the team page: `team:<owner|region>:<gained|kept|lost|won>:<key>` (empty key: none). */
export function teamDrill(
  db: ReadDb,
  scope: Scope,
  by: TeamDimension,
  measure: TeamMeasure,
  key: string | null,
  now: Date,
): string[] {
  const { sets } = teamTable(teamInputs(db, scope), by, { ...scope, now: now.toISOString() });
  return [...(sets.get(by === 'region' ? textKey(key) : key)?.[measure] ?? [])];
}

/** Sums of amounts rounded to cents, so floating-point dust never shows. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
