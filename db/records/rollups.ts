import type { Db } from '../sql.ts';

/** Interaction kinds that count as contact with the client (a note to self does not). */
const CONTACT_KINDS = "('call', 'meeting', 'visit', 'email', 'message')";

/**
 * Recomputes a client's "last contact" and "next follow-up" from its live interactions and open
 * follow-ups. Called by the record writer after every write of either (db/records/synced-tables.ts), in
 * the same transaction, so the two are always correct without a recount job. Each lookup is one seek on
 * an index (interaction_live_by_client, followup_live_by_client). Not a synced change: it is derived.
 */
export function refreshClientRollups(db: Db, clientId: string): void {
  db.prepare(
    `UPDATE client SET
       (last_contact_at, first_contact_at, contact_count) = (SELECT max(occurred_at), min(occurred_at), count(*)
         FROM interaction WHERE client_id = @id AND deleted_at IS NULL AND kind IN ${CONTACT_KINDS}),
       next_followup_at = (SELECT min(due_at) FROM followup
         WHERE client_id = @id AND deleted_at IS NULL AND status = 'open')
     WHERE id = @id`,
  ).run({ id: clientId });
  db.prepare(`UPDATE client SET quiet_since = ${QUIET_SINCE_SQL} WHERE id = ?`).run(clientId);
}

/** Days of silence after which a client contacted only once counts as going quiet. */
export const QUIET_AFTER_ONE_CONTACT_DAYS = 30;
/** Never "quiet" sooner than this after the last contact, however often they were in touch. */
export const QUIET_MIN_DAYS = 14;

/**
 * When a client's silence becomes longer than usual for them: the last contact plus twice their average
 * gap between contacts (at least {@link QUIET_MIN_DAYS} days); 30 days after a single contact; never for a
 * client never contacted (a prospect is not "going quiet").
 */
const QUIET_SINCE_SQL = `CASE
    WHEN contact_count = 0 THEN NULL
    WHEN contact_count = 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', last_contact_at, '+${String(QUIET_AFTER_ONE_CONTACT_DAYS)} days')
    ELSE strftime('%Y-%m-%dT%H:%M:%fZ', last_contact_at, '+' || max(${String(QUIET_MIN_DAYS)}.0,
      2.0 * (julianday(last_contact_at) - julianday(first_contact_at)) / (contact_count - 1)) || ' days')
  END`;

/**
 * Recomputes the rollups of every client in two statements: after a bulk load (seed, import, first
 * sync). Only clients with calls or follow-ups (live or deleted) can have rollups; the others keep the
 * empty ones every client starts with.
 */
export function refreshAllClientRollups(db: Db): void {
  const withRecords = 'id IN (SELECT client_id FROM interaction UNION SELECT client_id FROM followup)';
  db.prepare(
    `UPDATE client SET
       (last_contact_at, first_contact_at, contact_count) = (SELECT max(occurred_at), min(occurred_at), count(*)
         FROM interaction WHERE client_id = client.id AND deleted_at IS NULL AND kind IN ${CONTACT_KINDS}),
       next_followup_at = (SELECT min(due_at) FROM followup
         WHERE client_id = client.id AND deleted_at IS NULL AND status = 'open')
     WHERE ${withRecords}`,
  ).run();
  db.prepare(`UPDATE client SET quiet_since = ${QUIET_SINCE_SQL} WHERE ${withRecords}`).run();
}

/** Recomputes a client's lifetime revenue per currency (table client_revenue) after a payment changed. */
export function refreshClientRevenue(db: Db, clientId: string): void {
  db.prepare('DELETE FROM client_revenue WHERE client_id = ?').run(clientId);
  db.prepare(
    `INSERT INTO client_revenue (client_id, currency, revenue_minor)
     SELECT client_id, currency, sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END)
     FROM payment WHERE client_id = ? AND deleted_at IS NULL AND kind IN ('payment', 'refund')
     GROUP BY client_id, currency`,
  ).run(clientId);
}

/** Recomputes every client's revenue: after a bulk load (seed, import). */
export function refreshAllClientRevenue(db: Db): void {
  db.prepare('DELETE FROM client_revenue').run();
  db.prepare(
    `INSERT INTO client_revenue (client_id, currency, revenue_minor)
     SELECT client_id, currency, sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END)
     FROM payment WHERE deleted_at IS NULL AND kind IN ('payment', 'refund')
     GROUP BY client_id, currency`,
  ).run();
}
