import type {
  TeamDimension,
  TeamMeasure,
  TeamReport,
  TeamRow,
} from '../../../shared/domain/analytics-sales.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { scopeKey } from '../kept-answers.ts';
import {
  groupedByClient,
  mendVersion,
  mendedByClient,
  mendedSince,
  onlyClients,
} from '../mended-by-client.ts';
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

/**
 * One client's calls and meetings of the period by author, three numbers an author: its number
 * ({@link authorNumber}), calls, meetings. At 100k clients a year holds some 900k (client, author)
 * pairs: as one object each they took 170 MiB of the heap and most of the first answer's time in the
 * collector; as numbers, 50 MiB.
 */
type LoggedByAuthor = number[];

/** The authors of logged contacts, numbered as first met (0 is none), shared by every kept table. */
const authorIds: (string | null)[] = [null];
const authorNumbers = new Map<string | null, number>([[null, 0]]);

function authorNumber(id: string | null): number {
  let number = authorNumbers.get(id);
  if (number === undefined) {
    number = authorIds.push(id) - 1;
    authorNumbers.set(id, number);
  }
  return number;
}

/**
 * One client's calls and meetings from the text its read gives: `c<author id>` for a call, `m<author
 * id>` for a meeting (no id: none), comma-separated (ids are UUIDs), in the index's order, so an
 * author's contacts come one after another and make one entry. Were they not in order, an author would
 * have two entries, which add up the same.
 */
function loggedOf(text: string): LoggedByAuthor {
  const own: LoggedByAuthor = [];
  let author = '';
  let slot = -1;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf(',', at);
    if (end === -1) end = text.length;
    if (slot === -1 || end - at - 1 !== author.length || !text.startsWith(author, at + 1)) {
      author = text.slice(at + 1, end);
      slot = own.length;
      own.push(authorNumber(author === '' ? null : author), 0, 0);
    }
    const count = slot + (text.charCodeAt(at) === CALL ? 1 : 2);
    own[count] = (own[count] ?? 0) + 1;
    at = end + 1;
  }
  return own;
}

const CALL = 'c'.charCodeAt(0);

/** One client's rows of each kind (none: undefined). */
interface ClientRows {
  interactions: LoggedByAuthor | undefined;
  followups: readonly TeamInputs['followups'][number][] | undefined;
  payments: readonly TeamInputs['payments'][number][] | undefined;
  deals: readonly TeamInputs['deals'][number][] | undefined;
}

/** What one client adds to the team table. */
interface ClientPart {
  /**
   * Its counts under each group key it counts for (follow-ups by assignee, deals by their owner…): a
   * key or two, so a list, not a map (100k clients' maps were a tenth of the first answer).
   */
  counts: [string | null, TeamCounts][];
  /**
   * Its calls and meetings, under their author's key (by owner) or `loggedKey` (by region): the rows as
   * read, not copied into `counts`, since a client has about as many authors as logged contacts.
   */
  logged: LoggedByAuthor;
  loggedKey: string | null | undefined;
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
  for (const row of inputs.interactions)
    own.get(row.clientId)?.interactions.push(authorNumber(row.userId), row.calls, row.meetings);
  for (const row of inputs.followups) own.get(row.clientId)?.followups.push(row);
  for (const row of inputs.payments) own.get(row.clientId)?.payments.push(row);
  for (const row of inputs.deals) own.get(row.clientId)?.deals.push(row);
  const sums = new TeamSums();
  const parts = new Map<string, ClientPart>();
  for (const client of inputs.clients) {
    const part = clientPart(client, own.get(client.id) ?? noRows(), by, range);
    parts.set(client.id, part);
    sums.add(part, client.region, 1);
  }
  const rows = sums.rows(by, inputs.names);
  return { rows, sets: setsOf(rows, parts) };
}

function noRows() {
  return {
    interactions: [] as LoggedByAuthor,
    followups: [] as TeamInputs['followups'][number][],
    payments: [] as TeamInputs['payments'][number][],
    deals: [] as TeamInputs['deals'][number][],
  };
}

/** What one client counts for in the table, from its own rows (the rules of {@link teamTable}). */
function clientPart(
  client: Omit<TeamClient, 'id'>,
  own: ClientRows,
  by: TeamDimension,
  range: { fromMoment: string; toMomentExclusive: string; now: string },
): ClientPart {
  const counts: [string | null, TeamCounts][] = [];
  const marks: [string | null, TeamMeasure][] = [];
  let pendingUntil: string | null = null;
  const at = (key: string | null) => {
    for (const [known, found] of counts) if (known === key) return found;
    const found = emptyCounts();
    counts.push([key, found]);
    return found;
  };
  const clientKey = by === 'owner' ? client.ownerId : textKey(client.region);
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
    target.revenue += Math.round(paid.revenue * SCALE);
    target.profit += Math.round(paid.profit * SCALE);
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
  const logged = own.interactions ?? [];
  return { counts, logged, loggedKey: by === 'owner' ? undefined : clientKey, marks, pendingUntil };
}

/**
 * Revenue and profit are added up in thousandths of the currency (no currency has more digits), as whole
 * numbers: sums taken apart and added to again, client by client, stay exactly what adding afresh gives.
 */
const SCALE = 1000;

/**
 * The table the clients' parts add up to, kept as sums that a client's part is added to or taken from
 * (`sign`): one row per group key some client counts for, labelled by the member's name or the region
 * as most often typed among the scoped clients.
 */
class TeamSums {
  /** Per group key: its counts, and how many clients' parts of counts or logged rows add to them. */
  private readonly sums = new Map<string | null, { parts: number; counts: TeamCounts }>();
  /**
   * Calls and meetings by author number (by owner): how many clients' parts, calls, meetings, three
   * numbers an author. Nine in ten entries a client adds are these: summed by number, not looked up by key.
   */
  private readonly byAuthor: number[] = [];
  /** How many scoped clients have each region as typed. */
  private readonly regions = new Map<string | null, number>();

  add(part: ClientPart, region: string | null, sign: 1 | -1): void {
    const typed = (this.regions.get(region) ?? 0) + sign;
    if (typed === 0) this.regions.delete(region);
    else this.regions.set(region, typed);
    for (const [key, counts] of part.counts) {
      const sum = this.sumOf(key, sign);
      addCounts(sum.counts, counts, sign);
      if (sum.parts === 0) this.sums.delete(key);
    }
    const { logged, loggedKey } = part;
    if (logged.length === 0) return;
    if (loggedKey === undefined) {
      const { byAuthor } = this;
      for (let at = 0; at < logged.length; at += 3) {
        const slot = (logged[at] ?? 0) * 3;
        while (byAuthor.length < slot + 3) byAuthor.push(0);
        byAuthor[slot] = (byAuthor[slot] ?? 0) + sign;
        byAuthor[slot + 1] = (byAuthor[slot + 1] ?? 0) + sign * (logged[at + 1] ?? 0);
        byAuthor[slot + 2] = (byAuthor[slot + 2] ?? 0) + sign * (logged[at + 2] ?? 0);
      }
      return;
    }
    const sum = this.sumOf(loggedKey, sign);
    for (let at = 0; at < logged.length; at += 3) {
      sum.counts.calls += sign * (logged[at + 1] ?? 0);
      sum.counts.meetings += sign * (logged[at + 2] ?? 0);
    }
    if (sum.parts === 0) this.sums.delete(loggedKey);
  }

  private sumOf(key: string | null, sign: 1 | -1) {
    let sum = this.sums.get(key);
    if (!sum) this.sums.set(key, (sum = { parts: 0, counts: emptyCounts() }));
    sum.parts += sign;
    return sum;
  }

  /** The counts of each group key: the kept sums with the authors' calls and meetings added (copies). */
  private counts(): Map<string | null, TeamCounts> {
    const all = new Map<string | null, TeamCounts>();
    for (const [key, { counts }] of this.sums) all.set(key, { ...counts });
    const { byAuthor } = this;
    for (let slot = 0; slot < byAuthor.length; slot += 3) {
      if ((byAuthor[slot] ?? 0) === 0) continue;
      const key = authorIds[slot / 3] ?? null;
      let counts = all.get(key);
      if (counts === undefined) all.set(key, (counts = emptyCounts()));
      counts.calls += byAuthor[slot + 1] ?? 0;
      counts.meetings += byAuthor[slot + 2] ?? 0;
    }
    return all;
  }

  rows(by: TeamDimension, names: ReadonlyMap<string, string>): TeamRow[] {
    const regionLabels = new Map(groupTextCounts(this.regions).map((group) => [group.key, group.label]));
    const out = [...this.counts()].map(([key, counts]) => ({
      key,
      label: (by === 'owner' ? (key === null ? null : names.get(key)) : regionLabels.get(key)) ?? null,
      ...counts,
      revenue: cents(counts.revenue / SCALE),
      profit: cents(counts.profit / SCALE),
      winRate: rate(counts.dealsWon, counts.dealsWon + counts.dealsLost),
    }));
    // Equal revenue and label (two members of one name): by key, so the order never depends on reading.
    out.sort(
      (a, b) =>
        b.revenue - a.revenue ||
        (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff') ||
        byKey(a.key, b.key),
    );
    return out;
  }
}

/** The clients behind each row's numbers, from the parts of the clients. */
function setsOf(rows: readonly TeamRow[], parts: ReadonlyMap<string, ClientPart>): TeamSets {
  const sets: TeamSets = new Map();
  for (const row of rows)
    sets.set(row.key, { gained: new Set(), kept: new Set(), lost: new Set(), won: new Set() });
  for (const [id, part] of parts) for (const [key, measure] of part.marks) sets.get(key)?.[measure].add(id);
  return sets;
}

/** Adds `counts` to `sum` (`sign` 1), or takes them from it (-1): every measure, field by field. */
function addCounts(sum: TeamCounts, counts: TeamCounts, sign: 1 | -1): void {
  sum.calls += sign * counts.calls;
  sum.meetings += sign * counts.meetings;
  sum.followupsOnTime += sign * counts.followupsOnTime;
  sum.followupsOverdue += sign * counts.followupsOverdue;
  sum.gained += sign * counts.gained;
  sum.kept += sign * counts.kept;
  sum.lost += sign * counts.lost;
  sum.revenue += sign * counts.revenue;
  sum.profit += sign * counts.profit;
  sum.dealsWon += sign * counts.dealsWon;
  sum.dealsLost += sign * counts.dealsLost;
}

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

/** A scope's team table, kept between answers with what it was made from. */
interface Kept {
  /** The scope's clients and their rows of each kind, as mended caches (mended-by-client.ts). */
  maps: readonly ReadonlyMap<string, unknown>[];
  /** How far each was mended when the sums were last brought up to date. */
  versions: number[];
  madeAt: string;
  parts: Map<string, { part: ClientPart; region: string | null }>;
  /** The deadlines of pending follow-ups with their clients, the latest first: after one, its client counts again. */
  due: [string, string][];
  sums: TeamSums;
}

/** Tables kept per database, by dimension and scope (a few at a time). */
const KEEP = 4;
const keptTables = new WeakMap<ReadDb, Map<string, Kept>>();

/**
 * The team table of a scope: its clients (scoped-clients.ts), and per client the calls and meetings of
 * the period by author, the follow-ups due in it, its payments of both periods and its deals closed in
 * the period, each read once (grouped reads over covering indexes) and mended after changes
 * (mended-by-client.ts). The sums of the table are kept too: a later answer takes from them the parts
 * of the clients read again since (mendedSince) or whose pending follow-up fell due, and adds their new
 * parts, so it costs what changed, not a pass over every client.
 */
function scopeTable(db: ReadDb, scope: Scope, by: TeamDimension, now: string, withSets: boolean) {
  const facts = scopedClientFacts(db, scope);
  const interactions = loggedContacts(db, scope);
  const followups = dueFollowups(db, scope);
  const payments = periodPayments(db, scope);
  const deals = closedDeals(db, scope);
  const maps = [facts, interactions, followups, payments, deals];
  const range = { fromMoment: scope.fromMoment, toMomentExclusive: scope.toMomentExclusive, now };
  const add = (kept: Kept, id: string, client: ClientFacts) => {
    const own: ClientRows = {
      interactions: interactions.get(id),
      followups: followups.get(id),
      payments: payments.get(id),
      deals: deals.get(id),
    };
    const part = clientPart(client, own, by, range);
    kept.parts.set(id, { part, region: client.region });
    kept.sums.add(part, client.region, 1);
    if (part.pendingUntil !== null) kept.due.push([part.pendingUntil, id]);
  };
  const remake = (kept: Kept, id: string) => {
    const before = kept.parts.get(id);
    if (before) {
      kept.sums.add(before.part, before.region, -1);
      kept.parts.delete(id);
    }
    const client = facts.get(id);
    if (client) add(kept, id, client);
  };
  let tables = keptTables.get(db);
  if (tables === undefined) keptTables.set(db, (tables = new Map<string, Kept>()));
  const key = `${by}\n${scopeKey(scope)}`;
  let kept = tables.get(key);
  const changed = kept === undefined ? null : changedClients(kept, maps, now);
  if (kept === undefined || changed === null) {
    kept = { maps, versions: [], madeAt: now, parts: new Map(), due: [], sums: new TeamSums() };
    tables.delete(key);
    tables.set(key, kept);
    for (const old of [...tables.keys()].slice(0, -KEEP)) tables.delete(old);
    for (const [id, client] of facts) add(kept, id, client);
  } else for (const id of changed) remake(kept, id);
  kept.due.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  kept.maps = maps;
  kept.versions = maps.map(mendVersion);
  kept.madeAt = now;
  const names = new Map(
    (db.prepare(`SELECT id, name FROM team_member`).all() as { id: string; name: string }[]).map((m) => [
      m.id,
      m.name,
    ]),
  );
  const rows = kept.sums.rows(by, names);
  if (!withSets) return { rows, sets: new Map() as TeamSets };
  const parts = new Map<string, ClientPart>();
  for (const [id, { part }] of kept.parts) parts.set(id, part);
  return { rows, sets: setsOf(rows, parts) };
}

/**
 * The clients whose parts may have changed since the table was kept: read again into one of its caches,
 * or with a pending follow-up due before `now`; `null` when the table must be made afresh (a cache read
 * afresh, a mend no longer known, an earlier `now`).
 */
function changedClients(
  kept: Kept,
  maps: readonly ReadonlyMap<string, unknown>[],
  now: string,
): Set<string> | null {
  if (now < kept.madeAt) return null;
  const changed = new Set<string>();
  for (const [i, map] of maps.entries()) {
    if (map !== kept.maps[i]) return null;
    const since = mendedSince(map, kept.versions[i] ?? 0);
    if (since === null) return null;
    for (const id of since) changed.add(id);
  }
  for (let last = kept.due.at(-1); last !== undefined && last[0] < now; last = kept.due.at(-1)) {
    changed.add(last[1]);
    kept.due.pop();
  }
  return changed;
}

/** Rows of one client-owned read grouped by their `clientId`. */
function byClient<T extends { clientId: string }>(rows: readonly T[]): Map<string, T[]> {
  return groupedByClient(rows, (row) => row.clientId);
}

/**
 * Calls and meetings logged in the period, by client and author: one text per client made by SQLite
 * ({@link loggedOf}), since at 100k clients a year holds 2M of them and 900k (client, author) pairs,
 * which as rows cost more to hand over than to count (1.6 s against 1.1 s).
 */
function loggedContacts(db: ReadDb, scope: Scope) {
  return mendedByClient<LoggedByAuthor>(db, {
    name: 'team.interactions',
    key: `${scope.fromMoment}/${scope.toMomentExclusive}`,
    tables: ['interaction'],
    read: (ids) => {
      const rows = db
        .prepare(
          // Named: the planner, without statistics, prefers the time index and reads every row for the
          // kind and author, then sorts them to group. This one holds them grouped (migration 0014).
          `SELECT client_id, group_concat(iif(kind = 'call', 'c', 'm') || coalesce(user_id, ''), ',')
             FROM interaction INDEXED BY interaction_live_cost_by_client
            WHERE deleted_at IS NULL AND occurred_at >= @from AND occurred_at < @to
              AND kind IN ('call', 'meeting') ${onlyClients('client_id', ids)}
            GROUP BY client_id`,
        )
        .raw()
        .all({
          from: scope.fromMoment,
          to: scope.toMomentExclusive,
          ...(ids === null ? {} : { ids }),
        }) as [string, string][];
      const byClient = new Map<string, LoggedByAuthor>();
      for (const [clientId, text] of rows) byClient.set(clientId, loggedOf(text));
      return byClient;
    },
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
          // Every client: one pass over the deal rows (45 ms at 100k clients) beats a look-up of each
          // won and lost deal from the stage index (about 200 ms).
          `SELECT client_id, owner_id, stage FROM deal ${ids === null ? 'NOT INDEXED' : ''}
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
