import {
  type LifecycleReport,
  type LifecycleStageFigures,
  funnelStages,
} from '../../../shared/domain/analytics-sales.ts';
import type { LifecycleStage } from '../../../shared/domain/client.ts';
import { lifecycleStages } from '../../../shared/entities/entities.ts';
import type { ReadDb } from '../../sql.ts';
import { keptAnswer, scopeKey } from '../kept-answers.ts';
import { liveClients } from '../live-clients.ts';
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
  reached: readonly LifecycleStage[];
  atLeast: readonly LifecycleStage[];
  converted: readonly LifecycleStage[];
  entered: readonly LifecycleStage[];
  open: readonly LifecycleStage[];
  /** The days of each stay that ended in the period. */
  completed: [LifecycleStage, number][];
}

interface ClientRow {
  id: string;
  stage: LifecycleStage;
  created_at: string;
  source: string | null;
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
      // Stage and source from the live clients kept in memory; the day each was made from the narrow
      // index of creation days (every client) or by id: the wide rows took 0.33 s to scan at 100k.
      const live = liveClients(db);
      const made = db
        .prepare(
          `SELECT id, created_at FROM client ${ids === null ? 'INDEXED BY client_live_by_created' : ''}
            WHERE deleted_at IS NULL ${onlyClients('id', ids)}`,
        )
        .raw()
        .all(named) as [string, string][];
      const clients: ClientRow[] = [];
      const changes = new Map<string, StageChange[]>();
      for (const [id, createdAt] of made) {
        const client = live.get(id);
        if (client === undefined) continue;
        clients.push({ id, stage: client.stage, created_at: createdAt, source: client.source });
      }
      const rows = db
        .prepare(
          // Named: without statistics the planner takes the per-record index and reads every client field.
          // Raw rows: 0.22 s for the 265k stage changes at 100k clients, against 0.58 s as objects.
          `SELECT row_id, at, old_value, new_value FROM change_log INDEXED BY change_log_client_stage
            WHERE table_name = 'client' AND field = 'stage' AND undone_by IS NULL ${onlyClients('row_id', ids)}
            ORDER BY row_id, seq`,
        )
        .raw()
        .all(named) as [string, string, string | null, string | null][];
      for (const [rowId, at, oldValue, newValue] of rows) {
        let own = changes.get(rowId);
        if (own === undefined) changes.set(rowId, (own = []));
        own.push({ at, oldValue, newValue });
      }
      const lifecycles = new Map<string, ClientLifecycle>();
      for (const client of clients)
        lifecycles.set(client.id, lifecycleOf(client, changes.get(client.id) ?? NO_CHANGES, period));
      return lifecycles;
    },
  });
}

/** The changes of a client whose stage never changed. */
const NO_CHANGES: readonly StageChange[] = Object.freeze([]);

function lifecycleOf(
  client: ClientRow,
  own: readonly StageChange[],
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
  // Each figure's stages as bits of one number (stage i: bit i of lifecycleStages), made into lists at the
  // end from lists shared by every client with the same stages: a client's marks are one object, where
  // five sets and their copies were a dozen (1.2M objects to collect at 100k clients).
  let reached = 0;
  let atLeast = 0;
  let converted = 0;
  let entered = 0;
  let open = 0;
  const completed: [LifecycleStage, number][] = [];
  const inPeriod = (moment: string) => moment >= period.fromMoment && moment < period.toMomentExclusive;
  // The highest funnel rank of the stays after each one, for "converted" (-1: none).
  let laterRank = -1;
  for (let index = stays.length - 1; index >= 0; index--) {
    const stay = stays[index] as StageStay;
    const bit = 1 << stageIndex(stay.stage);
    reached |= bit;
    if (inPeriod(stay.from)) entered |= bit;
    if (stay.to === null) open |= bit;
    else if (inPeriod(stay.to))
      completed.push([stay.stage, (Date.parse(stay.to) - Date.parse(stay.from)) / 86_400_000]);
    const rank = funnelRank(stay.stage);
    if (rank === null) continue;
    atLeast |= FUNNEL_UP_TO[rank] as number;
    if (laterRank > rank) converted |= bit;
    laterRank = Math.max(laterRank, rank);
  }
  completed.reverse();
  return {
    reached: stagesOf(reached),
    atLeast: stagesOf(atLeast),
    converted: stagesOf(converted),
    entered: stagesOf(entered),
    open: stagesOf(open),
    completed,
  };
}

/** A stage's place in lifecycleStages, its bit in {@link lifecycleMarks}. */
function stageIndex(stage: LifecycleStage): number {
  return (lifecycleStages as readonly string[]).indexOf(stage);
}

/** The bits of the funnel stages up to each funnel rank (prospect; prospect and lead; …). */
const FUNNEL_UP_TO = funnelStages.map((_, rank) =>
  funnelStages.slice(0, rank + 1).reduce((bits, stage) => bits | (1 << stageIndex(stage)), 0),
);

/** The stages of each set of bits, in lifecycleStages' order, one frozen list per set shared by all. */
const STAGE_LISTS: readonly (readonly LifecycleStage[])[] = Array.from(
  { length: 1 << lifecycleStages.length },
  (_, bits) => Object.freeze(lifecycleStages.filter((_, index) => (bits & (1 << index)) !== 0)),
);

function stagesOf(bits: number): readonly LifecycleStage[] {
  return STAGE_LISTS[bits] ?? [];
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
