import type { ReadDb } from '../sql.ts';
import { type DataPosition, dataPosition } from './changes-since.ts';

/**
 * Where the database stands for an answer made in memory: the change-log position and the imports'
 * states (changes-since.ts), and SQLite's count of commits by other connections (a CLI, a tool), which
 * bypass the change log. While all three are the same, nothing an answer is made of has changed.
 */
export interface DataStand extends DataPosition {
  outside: number;
}

export function dataStand(db: ReadDb): DataStand {
  const { data_version: outside } = db.prepare('PRAGMA data_version').get() as { data_version: number };
  return { ...dataPosition(db), outside };
}

export function sameStand(a: DataStand, b: DataStand): boolean {
  return a.seq === b.seq && a.imports === b.imports && a.outside === b.outside;
}

/**
 * Whether an answer made at `made` can be brought up to `now` from the change log: the same imports and
 * no write by another connection since, and the log not behind it.
 */
export function mendableTo(made: DataStand, now: DataStand): boolean {
  return made.imports === now.imports && made.outside === now.outside && made.seq <= now.seq;
}
