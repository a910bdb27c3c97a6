import {
  type LifecycleReport,
  type LifecycleStageFigures,
  funnelStages,
} from '../../../shared/domain/analytics-sales.ts';
import type { LifecycleStage } from '../../../shared/domain/client.ts';
import { lifecycleStages } from '../../../shared/entities/entities.ts';
import type { ReadDb } from '../../sql.ts';
import { keptAnswer, scopeKey } from '../kept-answers.ts';
import { mendedByClient, onlyClients } from '../mended-by-client.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import {
  type StageChange,
  type StageStay,
  groupTexts,
  median,
  rate,
  stageStays,
  textKey,
} from './sales-math.ts';

/** A scoped client with its stays in the lifecycle stages up to the end of the period. */
export interface ClientLifecycle {
  id: string;
  stage: LifecycleStage;
  createdAt: string;
  source: string | null;
  stays: StageStay[];
  /** What its stays count for in the period's figures ({@link lifecycleMarks}), when worked out already. */
  marks?: LifecycleMarks;
}

/** The stages one client counts in, for each figure of the period (each stage once). */
export interface LifecycleMarks {
  reached: LifecycleStage[];
  atLeast: LifecycleStage[];
  converted: LifecycleStage[];
  entered: LifecycleStage[];
  open: LifecycleStage[];
  /** The days of each stay that ended in the period. */
  completed: [LifecycleStage, number][];
}

interface ClientRow {
  id: string;
  stage: LifecycleStage;
  created_at: string;
  source: string | null;
}

interface ChangeRow {
  row_id: string;
  at: string;
  old_value: string | null;
  new_value: string | null;
}

/**
 * Every scoped client's stays in the lifecycle stages up to the end of the period, from the change log's
 * `stage` entries that were not undone (two reads: the clients, and the stage entries through their
 * partial index), kept and mended after changes (mended-by-client.ts) and joined in memory to the scope.
 * Stays are cut at the period's end: a client's later moves are not known "then".
 */
export function clientLifecycles(db: ReadDb, scope: Scope): ClientLifecycle[] {
  const all = liveClientLifecycles(db, scope);
  const clients = scopedClientFacts(db, scope);
  const kept: ClientLifecycle[] = [];
  // forEach, not for…of with destructuring: fast before the loop is optimised (it runs once per change).
  all.forEach((lifecycle, id) => {
    if (clients.has(id)) kept.push(lifecycle);
  });
  return kept;
}

/** Every live client's lifecycle up to the period's end (excluded), by id. */
function liveClientLifecycles(db: ReadDb, period: { fromMoment: string; toMomentExclusive: string }) {
  return mendedByClient<ClientLifecycle>(db, {
    name: 'lifecycle.stays',
    key: `${period.fromMoment}/${period.toMomentExclusive}`,
    tables: ['client'],
    read: (ids) => {
      const named = ids === null ? {} : { ids };
      const clients = db
        .prepare(
          // Every client: a plain scan of the rows beats walking a partial index and looking each one up.
          `SELECT c.id, c.stage, c.created_at, c.source FROM client AS c ${ids === null ? 'NOT INDEXED' : ''}
            WHERE c.deleted_at IS NULL ${onlyClients('c.id', ids)}`,
        )
        .all(named) as ClientRow[];
      const changes = new Map<string, StageChange[]>();
      for (const client of clients) changes.set(client.id, []);
      const rows = db
        .prepare(
          // Named: without statistics the planner takes the per-record index and reads every client field.
          `SELECT row_id, at, old_value, new_value FROM change_log INDEXED BY change_log_client_stage
            WHERE table_name = 'client' AND field = 'stage' AND undone_by IS NULL ${onlyClients('row_id', ids)}
            ORDER BY row_id, seq`,
        )
        .all(named) as ChangeRow[];
      for (const row of rows)
        changes.get(row.row_id)?.push({ at: row.at, oldValue: row.old_value, newValue: row.new_value });
      const lifecycles = new Map<string, ClientLifecycle>();
      for (const client of clients)
        lifecycles.set(client.id, lifecycleOf(client, changes.get(client.id) ?? [], period));
      return lifecycles;
    },
  });
}

function lifecycleOf(
  client: ClientRow,
  own: StageChange[],
  period: { fromMoment: string; toMomentExclusive: string },
): ClientLifecycle {
  // Logged in the order written; a change dated in the past (an import, the demo) sorts by its date.
  // Moments are stored alike (UTC, milliseconds): their text sorts as they do, without a collation.
  // Array sort is stable, so changes of one moment stay in the order written.
  const ordered = own.length < 2 ? own : [...own].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const stays = stageStays(
    { createdAt: client.created_at, stage: client.stage },
    ordered,
    period.toMomentExclusive,
  );
  return {
    id: client.id,
    stage: client.stage,
    createdAt: client.created_at,
    source: client.source,
    stays,
    marks: lifecycleMarks(stays, period),
  };
}

/** The clients behind each lifecycle number, for the figures and for their drill-downs. */
export interface LifecycleSets {
  reached: Map<LifecycleStage, Set<string>>;
  /** Clients who were in the stage or a further one of the funnel. */
  atLeast: Map<LifecycleStage, Set<string>>;
  converted: Map<LifecycleStage, Set<string>>;
  entered: Map<LifecycleStage, Set<string>>;
  completedDays: Map<LifecycleStage, number[]>;
  open: Map<LifecycleStage, Set<string>>;
}

/**
 * Who reached each stage (ever, up to the end of the period), who of them later reached a further
 * stage of the funnel (prospect → lead → active → loyal: a prospect who became active at once counts
 * as converted), who entered each stage during the period (a client created in it enters its first), the
 * days of the stays that ended during the period, and who was still in each stage at its end. Open stays
 * are censored: they are left out of the median and counted apart, so the median says how long a
 * finished stay took. Worked out once per client and period, kept with its lifecycle.
 */
export function lifecycleMarks(
  stays: readonly StageStay[],
  period: { fromMoment: string; toMomentExclusive: string },
): LifecycleMarks {
  const marks = {
    reached: new Set<LifecycleStage>(),
    atLeast: new Set<LifecycleStage>(),
    converted: new Set<LifecycleStage>(),
    entered: new Set<LifecycleStage>(),
    open: new Set<LifecycleStage>(),
  };
  const completed: [LifecycleStage, number][] = [];
  const inPeriod = (moment: string) => moment >= period.fromMoment && moment < period.toMomentExclusive;
  stays.forEach((stay, index) => {
    marks.reached.add(stay.stage);
    if (inPeriod(stay.from)) marks.entered.add(stay.stage);
    if (stay.to === null) marks.open.add(stay.stage);
    else if (inPeriod(stay.to))
      completed.push([stay.stage, (Date.parse(stay.to) - Date.parse(stay.from)) / 86_400_000]);
    const rank = funnelRank(stay.stage);
    if (rank === null) return;
    for (const earlier of funnelStages.slice(0, rank + 1)) marks.atLeast.add(earlier);
    const later = stays.slice(index + 1).some((next) => (funnelRank(next.stage) ?? -1) > rank);
    if (later) marks.converted.add(stay.stage);
  });
  return {
    reached: [...marks.reached],
    atLeast: [...marks.atLeast],
    converted: [...marks.converted],
    entered: [...marks.entered],
    open: [...marks.open],
    completed,
  };
}

/** The figures of {@link LifecycleMarks} that count clients. */
const countedMarks = ['reached', 'atLeast', 'converted', 'entered', 'open'] as const;

/** The clients behind each lifecycle number, from their marks in the period. */
export function lifecycleSets(
  lifecycles: readonly ClientLifecycle[],
  period: { fromMoment: string; toMomentExclusive: string },
): LifecycleSets {
  const sets: LifecycleSets = {
    reached: new Map(),
    atLeast: new Map(),
    converted: new Map(),
    entered: new Map(),
    completedDays: new Map(),
    open: new Map(),
  };
  for (const stage of lifecycleStages) {
    sets.reached.set(stage, new Set());
    sets.atLeast.set(stage, new Set());
    sets.converted.set(stage, new Set());
    sets.entered.set(stage, new Set());
    sets.completedDays.set(stage, []);
    sets.open.set(stage, new Set());
  }
  for (const { id, stays, marks: kept } of lifecycles) {
    const marks = kept ?? lifecycleMarks(stays, period);
    for (const set of countedMarks) for (const stage of marks[set]) sets[set].get(stage)?.add(id);
    for (const [stage, days] of marks.completed) sets.completedDays.get(stage)?.push(days);
  }
  return sets;
}

function funnelRank(stage: LifecycleStage): number | null {
  const rank = (funnelStages as readonly string[]).indexOf(stage);
  return rank === -1 ? null : rank;
}

/**
 * How many clients count in each figure of each stage, how many are in each stage now, and the days of
 * the stays that ended in the period: {@link lifecycleSets} as counts, with no set of 100k ids to build
 * (each client counts once per figure and stage: its marks hold each stage once).
 */
function lifecycleCounts(
  lifecycles: readonly ClientLifecycle[],
  period: { fromMoment: string; toMomentExclusive: string },
) {
  const zero = () =>
    Object.fromEntries(lifecycleStages.map((stage) => [stage, 0])) as Record<LifecycleStage, number>;
  const counts = {
    reached: zero(),
    atLeast: zero(),
    converted: zero(),
    entered: zero(),
    open: zero(),
    now: zero(),
  };
  const completedDays = new Map(lifecycleStages.map((stage) => [stage, [] as number[]]));
  for (const client of lifecycles) {
    const marks = client.marks ?? lifecycleMarks(client.stays, period);
    for (const set of countedMarks) for (const stage of marks[set]) counts[set][stage] += 1;
    for (const [stage, days] of marks.completed) completedDays.get(stage)?.push(days);
    counts.now[client.stage] += 1;
  }
  return { ...counts, completedDays };
}

/**
 * The lifecycle page: the funnel with its conversions, time in each stage, lapsed and lost, new by source.
 * Made of the clients' rows and stage history alone, so kept while no client changed (kept-answers.ts).
 */
export function lifecycleReport(db: ReadDb, scope: Scope): LifecycleReport {
  const figures = keptAnswer(db, {
    name: 'lifecycle',
    key: scopeKey(scope),
    tables: ['client'],
    compute: () => lifecycleFigures(db, scope),
  });
  return { scope: scopeOut(scope), ...figures };
}

function lifecycleFigures(db: ReadDb, scope: Scope): Omit<LifecycleReport, 'scope'> {
  const lifecycles = clientLifecycles(db, scope);
  const counts = lifecycleCounts(lifecycles, scope);
  const stages = lifecycleStages.map((stage): LifecycleStageFigures => {
    const reached = counts.reached[stage];
    const converted = counts.converted[stage];
    const isLastOrOff = stage === 'loyal' || funnelRank(stage) === null;
    const days = counts.completedDays.get(stage) ?? [];
    const middle = median(days);
    return {
      stage,
      reached,
      reachedOrFurther: counts.atLeast[stage],
      converted,
      conversion: isLastOrOff ? null : rate(converted, reached),
      entered: counts.entered[stage],
      now: counts.now[stage],
      medianDays: middle === null ? null : Math.round(middle * 10) / 10,
      completedStays: days.length,
      openStays: counts.open[stage],
    };
  });
  const created = newClients(lifecycles, scope);
  return {
    stages,
    lapsed: counts.entered.lapsed,
    lost: counts.entered.lost,
    newClients: created.length,
    newBySource: groupTexts(created.map((client) => client.source)).map((group) => ({
      key: group.key,
      label: group.label,
      clients: group.count,
    })),
  };
}

/** The scoped clients created during the period. */
export function newClients(lifecycles: readonly ClientLifecycle[], scope: Scope): ClientLifecycle[] {
  return lifecycles.filter(
    (client) => client.createdAt >= scope.fromMoment && client.createdAt < scope.toMomentExclusive,
  );
}

/**
 * Drill-downs of the lifecycle page: `reached:<stage>`, `atLeast:<stage>`, `entered:<stage>`,
 * `newClients`, `newBySource:<source>`.
 */
export function lifecycleDrill(
  db: ReadDb,
  scope: Scope,
  set: 'reached' | 'atLeast' | 'entered' | 'newClients' | 'newBySource',
  value: string,
): string[] {
  const lifecycles = clientLifecycles(db, scope);
  if (set === 'newClients') return newClients(lifecycles, scope).map((client) => client.id);
  if (set === 'newBySource') {
    const wanted = textKey(value);
    return newClients(lifecycles, scope)
      .filter((client) => textKey(client.source) === wanted)
      .map((client) => client.id);
  }
  const sets = lifecycleSets(lifecycles, scope);
  return [...(sets[set].get(value as LifecycleStage) ?? [])];
}
