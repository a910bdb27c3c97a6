import type { ReadDb } from '../../sql.ts';
import { clientsTouchedSince, dataPosition } from '../changes-since.ts';

/** One period's seconds of interactions per client, as of a change-log position. */
interface Entry {
  key: string;
  seq: number;
  /** The imports' states: a cancelled import removes its rows and their change log (db/export/remove-imported.ts). */
  imports: string;
  seconds: Map<string, number>;
}

/** Periods remembered per database: a few pages look at a few periods at a time. */
const KEEP = 4;
const entries = new WeakMap<ReadDb, Entry[]>();

/**
 * The seconds of live interactions per client between two moments (`from` included, `to` excluded):
 * what cost to serve is made of. The first answer for a period is one walk of the covering index
 * interaction_live_cost_by_client, grouped as it is walked (migration 0014); later answers
 * for the same period are mended from the change log: only the clients of interactions changed since
 * (created, moved, re-dated, deleted, undone, received by sync — every change is logged) are counted
 * again, so a page shown right after a payment or a logged call costs a few index seeks, not a scan.
 */
export function interactionSecondsByClient(db: ReadDb, from: string, to: string): Map<string, number> {
  const key = `${from}/${to}`;
  const { seq, imports } = dataPosition(db);
  const cached = entries.get(db) ?? [];
  entries.set(db, cached);
  const found = cached.find((entry) => entry.key === key && entry.imports === imports && entry.seq <= seq);
  if (found && found.seq === seq) return found.seconds;
  if (found) {
    const clients = clientsTouchedSince(db, found.seq, ['interaction']);
    if (clients !== null) {
      const recount = db.prepare(
        `SELECT coalesce(sum(coalesce(duration_s, 0)), 0) AS seconds FROM interaction
          WHERE client_id = ? AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?`,
      );
      for (const clientId of clients) {
        const { seconds } = recount.get(clientId, from, to) as { seconds: number };
        if (seconds > 0) found.seconds.set(clientId, seconds);
        else found.seconds.delete(clientId);
      }
      found.seq = seq;
      return found.seconds;
    }
  }
  const rows = db
    .prepare(
      `SELECT client_id, sum(coalesce(duration_s, 0)) AS seconds
         FROM interaction INDEXED BY interaction_live_cost_by_client
        WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
        GROUP BY client_id`,
    )
    .all(from, to) as { client_id: string; seconds: number }[];
  const seconds = new Map<string, number>();
  for (const row of rows) if (row.seconds > 0) seconds.set(row.client_id, row.seconds);
  const entry = { key, seq, imports, seconds };
  const kept = [entry, ...cached.filter((other) => other.key !== key)].slice(0, KEEP);
  entries.set(db, kept);
  return seconds;
}
