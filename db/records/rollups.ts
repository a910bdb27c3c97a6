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
       last_contact_at = (SELECT max(occurred_at) FROM interaction
         WHERE client_id = @id AND deleted_at IS NULL AND kind IN ${CONTACT_KINDS}),
       next_followup_at = (SELECT min(due_at) FROM followup
         WHERE client_id = @id AND deleted_at IS NULL AND status = 'open')
     WHERE id = @id`,
  ).run({ id: clientId });
}

/** Recomputes the rollups of every client in one statement: after a bulk load (seed, import). */
export function refreshAllClientRollups(db: Db): void {
  db.prepare(
    `UPDATE client SET
       last_contact_at = (SELECT max(occurred_at) FROM interaction
         WHERE client_id = client.id AND deleted_at IS NULL AND kind IN ${CONTACT_KINDS}),
       next_followup_at = (SELECT min(due_at) FROM followup
         WHERE client_id = client.id AND deleted_at IS NULL AND status = 'open')`,
  ).run();
}
