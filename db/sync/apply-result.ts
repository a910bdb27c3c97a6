import type { HybridClock } from '../../shared/hlc.ts';
import type { Db } from '../sql.ts';

/** How a page of pulled changes (or snapshot rows) is applied, and what applying it did. */
export interface ApplyOptions {
  db: Db;
  clock: HybridClock;
  /** This device: its own changes coming back are already applied. */
  deviceId: string;
  now: Date;
  /**
   * A bulk load (a first-sync snapshot): skip the per-row derived data (rollups, search); the caller
   * rebuilds it once at the end with `rebuildDerived` (apply.ts).
   */
  bulk?: boolean;
  /**
   * Who the logged changes are from: `remote` (pulled from the server, default) or `sync` (made by sync
   * on this device, such as redirects to a merged client; they are sent to the team like local edits).
   */
  origin?: 'remote' | 'sync';
}

export interface ApplyResult {
  applied: number;
  ignored: number;
  quarantined: number;
  /** Of the quarantined, the changes set aside because their values break the declaration. */
  setAside: number;
  conflicts: number;
  /** The rows created or changed, by table. */
  touched: Map<string, Set<string>>;
}

/** A result with nothing applied yet. */
export function emptyResult(): ApplyResult {
  return { applied: 0, ignored: 0, quarantined: 0, setAside: 0, conflicts: 0, touched: new Map() };
}

/** Adds what another application of changes did to `result`. */
export function addResult(result: ApplyResult, other: ApplyResult): void {
  result.applied += other.applied;
  result.ignored += other.ignored;
  result.quarantined += other.quarantined;
  result.setAside += other.setAside;
  result.conflicts += other.conflicts;
  for (const [table, ids] of other.touched) for (const id of ids) touch(result, table, id);
}

export function touch(result: ApplyResult, table: string, rowId: string): void {
  const rows = result.touched.get(table) ?? new Set<string>();
  rows.add(rowId);
  result.touched.set(table, rows);
}
