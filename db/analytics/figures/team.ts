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
import { type ClientFacts, scopedClientFacts } from '../scoped-clients.ts';
import { followupDeadline, followupTiming, groupTextCounts, rate, textKey } from './sales-math.ts';

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

/** The numbers of a team row that add up over clients. */
type TeamCounts = Omit<TeamRow, 'key' | 'label' | 'winRate'>;

/** One client's rows of each kind (none: undefined). */
interface ClientRows {
  interactions: readonly TeamInputs['interactions'][number][] | undefined;
  followups: readonly TeamInputs['followups'][number][] | undefined;
  payments: readonly TeamInputs['payments'][number][] | undefined;
  deals: readonly TeamInputs['deals'][number][] | undefined;
}

/** What one client adds to the team table. */
interface ClientPart {
  /** Its counts under each group key it counts for (calls by author, deals by their owner…). */
  counts: Map<string | null, TeamCounts>;
  /** The drill-down sets it is in, by group key. */
  marks: [string | null, TeamMeasure][];
  /** The earliest deadline of its follow-ups still pending: after it, one of them is overdue. */
  pendingUntil: string | null;
}

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
  const own = new Map(inputs.clients.map((client) => [client.id, noRows()]));
  for (const row of inputs.interactions) own.get(row.clientId)?.interactions.push(row);
  for (const row of inputs.followups) own.get(row.clientId)?.followups.push(row);
  for (const row of inputs.payments) own.get(row.clientId)?.payments.push(row);
  for (const row of inputs.deals) own.get(row.clientId)?.deals.push(row);
  const regions = new Map<string | null, number>();
  for (const client of inputs.clients) regions.set(client.region, (regions.get(client.region) ?? 0) + 1);
  const table = tableOf(by, inputs.names, regions, true);
  for (const client of inputs.clients)
    table.add(client.id, clientPart(client, own.get(client.id) ?? noRows(), by, range));
  return table.done();
}

function noRows() {
  return {
    interactions: [] as TeamInputs['interactions'][number][],
    followups: [] as TeamInputs['followups'][number][],
    payments: [] as TeamInputs['payments'][number][],
    deals: [] as TeamInputs['deals'][number][],
  };
}

/** What one client counts for in the table, from its own rows (the rules of {@link teamTable}). */
function clientPart(
  client: TeamClient,
  own: ClientRows,
  by: TeamDimension,
  range: { fromMoment: string; toMomentExclusive: string; now: string },
): ClientPart {
  const counts = new Map<string | null, TeamCounts>();
  const marks: [string | null, TeamMeasure][] = [];
  let pendingUntil: string | null = null;
  const at = (key: string | null) => {
    let found = counts.get(key);
    if (!found) counts.set(key, (found = emptyCounts()));
    return found;
  };
  const clientKey = by === 'owner' ? client.ownerId : textKey(client.region);
  for (const logged of own.interactions ?? []) {
    const target = at(by === 'owner' ? logged.userId : clientKey);
    target.calls += logged.calls;
    target.meetings += logged.meetings;
  }
  for (const followup of own.followups ?? []) {
    const timing = followupTiming(followup, range.now);
    if (timing === 'pending') {
      const deadline = followupDeadline(followup);
      if (pendingUntil === null || deadline < pendingUntil) pendingUntil = deadline;
    }
    if (timing !== 'onTime' && timing !== 'late' && timing !== 'overdue') continue;
    const target = at(by === 'owner' ? (followup.assigneeId ?? client.ownerId) : clientKey);
    if (timing === 'onTime') target.followupsOnTime += 1;
    else target.followupsOverdue += 1;
  }
  if (client.createdAt >= range.fromMoment && client.createdAt < range.toMomentExclusive) {
    at(clientKey).gained += 1;
    marks.push([clientKey, 'gained']);
  }
  for (const paid of own.payments ?? []) {
    const target = at(clientKey);
    target.revenue += paid.revenue;
    target.profit += paid.profit;
    if (paid.paidBefore && paid.paidNow) {
      target.kept += 1;
      marks.push([clientKey, 'kept']);
    } else if (paid.paidBefore) {
      target.lost += 1;
      marks.push([clientKey, 'lost']);
    }
  }
  for (const deal of own.deals ?? []) {
    const key = by === 'owner' ? (deal.ownerId ?? client.ownerId) : clientKey;
    const target = at(key);
    if (deal.stage === 'won') {
      target.dealsWon += 1;
      marks.push([key, 'won']);
    } else target.dealsLost += 1;
  }
  return { counts, marks, pendingUntil };
}

/**
 * The table the clients' parts add up to: one row per group key, labelled by the member's name or the
 * region as most often typed among the scoped clients (`regions`: how many have each value as typed).
 */
function tableOf(
  by: TeamDimension,
  names: ReadonlyMap<string, string>,
  regions: ReadonlyMap<string | null, number>,
  withSets: boolean,
) {
  const regionLabels = new Map(groupTextCounts(regions).map((group) => [group.key, group.label]));
  const rows = new Map<string | null, TeamRow>();
  const sets: TeamSets = new Map();
  const row = (key: string | null) => {
    let found = rows.get(key);
    if (!found) {
      const label = by === 'owner' ? (key === null ? null : (names.get(key) ?? null)) : regionLabels.get(key);
      found = { key, label: label ?? null, ...emptyCounts(), winRate: null };
      rows.set(key, found);
      if (withSets) sets.set(key, { gained: new Set(), kept: new Set(), lost: new Set(), won: new Set() });
    }
    return found;
  };
  return {
    add(id: string, part: ClientPart) {
      for (const [key, counts] of part.counts) {
        const target = row(key);
        for (const measure of countedMeasures) target[measure] += counts[measure];
      }
      if (withSets) for (const [key, measure] of part.marks) sets.get(key)?.[measure].add(id);
    },
    done(): { rows: TeamRow[]; sets: TeamSets } {
      const out = [...rows.values()].map((found) => ({
        ...found,
        revenue: cents(found.revenue),
        profit: cents(found.profit),
        winRate: rate(found.dealsWon, found.dealsWon + found.dealsLost),
      }));
      // Equal revenue and label (two members of one name): by key, so the order never depends on reading.
      out.sort(
        (a, b) =>
          b.revenue - a.revenue ||
          (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff') ||
          byKey(a.key, b.key),
      );
      return { rows: out, sets };
    },
  };
}

const countedMeasures = [
  'calls',
  'meetings',
  'followupsOnTime',
  'followupsOverdue',
  'gained',
  'kept',
  'lost',
  'revenue',
  'profit',
  'dealsWon',
  'dealsLost',
] as const satisfies readonly (keyof TeamCounts)[];

function emptyCounts(): TeamCounts {
  return {
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
  };
}

function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null || b === null) return a === null ? 1 : -1;
  return a < b ? -1 : 1;
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

/** A client's part and what it was made from: still right while these are the same. */
interface Made {
  facts: ClientFacts;
  own: ClientRows;
  madeAt: string;
  part: ClientPart;
}

/** Parts made, per database and per dimension, period and currency (a few at a time). */
const KEEP = 4;
const made = new WeakMap<ReadDb, Map<string, Map<string, Made>>>();

/**
 * The team table of a scope: its clients (scoped-clients.ts), and per client the calls and meetings of
 * the period by author, the follow-ups due in it, its payments of both periods and its deals closed in
 * the period, each read once (grouped reads over covering indexes) and mended after changes
 * (mended-by-client.ts). Each client's part of the table is kept too, and made again only when one of
 * its rows changed or one of its pending follow-ups fell due, so an answer costs one pass adding up the
 * parts.
 */
function scopeTable(db: ReadDb, scope: Scope, by: TeamDimension, now: string, withSets: boolean) {
  const facts = scopedClientFacts(db, scope);
  const interactions = loggedContacts(db, scope);
  const followups = dueFollowups(db, scope);
  const payments = periodPayments(db, scope);
  const deals = closedDeals(db, scope);
  const names = new Map(
    (db.prepare(`SELECT id, name FROM team_member`).all() as { id: string; name: string }[]).map((m) => [
      m.id,
      m.name,
    ]),
  );
  const regions = new Map<string | null, number>();
  for (const client of facts.values()) regions.set(client.region, (regions.get(client.region) ?? 0) + 1);
  const table = tableOf(by, names, regions, withSets);
  const memo = partsOf(db, `${by}/${scope.from}/${scope.to}/${scope.currency ?? ''}`);
  const range = { fromMoment: scope.fromMoment, toMomentExclusive: scope.toMomentExclusive, now };
  for (const [id, client] of facts) {
    const own: ClientRows = {
      interactions: interactions.get(id),
      followups: followups.get(id),
      payments: payments.get(id),
      deals: deals.get(id),
    };
    let found = memo.get(id);
    if (!found || !sameInputs(found, client, own, now)) {
      const teamClient = { id, ownerId: client.ownerId, region: client.region, createdAt: client.createdAt };
      found = { facts: client, own, madeAt: now, part: clientPart(teamClient, own, by, range) };
      memo.set(id, found);
    }
    table.add(id, found.part);
  }
  return table.done();
}

function sameInputs(found: Made, facts: ClientFacts, own: ClientRows, now: string): boolean {
  return (
    found.facts === facts &&
    found.own.interactions === own.interactions &&
    found.own.followups === own.followups &&
    found.own.payments === own.payments &&
    found.own.deals === own.deals &&
    now >= found.madeAt &&
    (found.part.pendingUntil === null || found.part.pendingUntil >= now)
  );
}

function partsOf(db: ReadDb, key: string): Map<string, Made> {
  let kinds = made.get(db);
  if (kinds === undefined) made.set(db, (kinds = new Map<string, Map<string, Made>>()));
  let parts = kinds.get(key);
  if (parts === undefined) {
    parts = new Map();
    kinds.set(key, parts);
    for (const old of [...kinds.keys()].slice(0, -KEEP)) kinds.delete(old);
  }
  return parts;
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
  const { rows } = scopeTable(db, scope, by, now.toISOString(), false);
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
  const { sets } = scopeTable(db, scope, by, now.toISOString(), true);
  return [...(sets.get(by === 'region' ? textKey(key) : key)?.[measure] ?? [])];
}

/** Sums of amounts rounded to cents, so floating-point dust never shows. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
