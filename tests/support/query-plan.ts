import { join } from 'node:path';
import type { Compilable } from 'kysely';
import { afterEach } from 'vitest';
import { openDatabase } from '../../db/open-database.ts';
import { type Db, createDb } from '../../db/sql.ts';

/**
 * Opens a migrated, empty Rapport database for query-plan tests; closed after the test. Pass its `db` to
 * the query builders of db/queries and check their plans with {@link queryPlan}.
 */
export function useMigratedDb(): (dir: string) => Promise<Db> {
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.sqlite.close();
  });
  return async (dir) => {
    const { sqlite } = await openDatabase({ file: join(dir, 'rapport.db'), backupDir: join(dir, 'backups') });
    const db = createDb(sqlite);
    open.push(db);
    return db;
  };
}

/** SQLite's plan for a query, one line per step, e.g. `SEARCH client USING INDEX client_live_by_name (...)`. */
export function queryPlan(
  db: Db,
  query: Compilable | { sql: string; parameters: readonly unknown[] },
): string[] {
  const { sql, parameters } = 'compile' in query ? query.compile() : query;
  const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
  return rows.map((row) => row.detail);
}

/** The plan steps that read a whole table (`SCAN table` without an index): what hot queries must avoid. */
export function fullScans(plan: readonly string[]): string[] {
  return plan.filter((step) => /^SCAN \w+$/.test(step.trim()) || /^SCAN \w+ \(/.test(step.trim()));
}
