import type BetterSqlite3 from 'better-sqlite3';

/** One schema step. Frozen once released: a later change is a new migration, never an edit. */
export interface Migration {
  /** Schema version after this migration; versions are 1, 2, 3, … without gaps. */
  version: number;
  name: string;
  up(sqlite: BetterSqlite3.Database): void;
}
