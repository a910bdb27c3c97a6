import type { Address } from '../../shared/domain/values.ts';
import type { ReadDb } from '../sql.ts';
import { type ClientScope, scopeTerm } from './client-scope.ts';
import type { VCardVersion } from './export-request.ts';
import type { OutputSink } from './output-file.ts';
import type { Progress } from './progress.ts';
import { type CardContact, contactCard } from './vcard-card.ts';

interface ContactRow {
  id: string;
  name: string;
  role: string | null;
  phones: string;
  emails: string;
  birthday: string | null;
  notes: string | null;
  updated_at: string;
  client_name: string | null;
  client_kind: string | null;
  client_address: string | null;
}

const CHUNK = 64 * 1024;

/** How many cards the file will hold: the live contacts in the scope. */
export function countCards(db: ReadDb, scope: ClientScope): number {
  const term = scopeTerm(scope, 't.client_id');
  const sql = `SELECT count(*) AS n FROM contact t WHERE t.deleted_at IS NULL AND ${term.sql}`;
  return (db.prepare(sql).get(...term.params) as { n: number }).n;
}

/** Writes the live contacts in the scope as one vCard file (UTF-8, a card per contact), client by client. */
export async function writeVCards(
  sink: OutputSink,
  db: ReadDb,
  scope: ClientScope,
  version: VCardVersion,
  progress: Progress,
): Promise<void> {
  const term = scopeTerm(scope, 't.client_id');
  const sql = `SELECT t.id, t.name, t.role, t.phones, t.emails, t.birthday, t.notes, t.updated_at,
      c.name AS client_name, c.kind AS client_kind, c.address AS client_address
    FROM contact t LEFT JOIN client c ON c.id = t.client_id
    WHERE t.deleted_at IS NULL AND ${term.sql} ORDER BY t.client_id, t.sort_name, t.id`;
  let chunk = '';
  for (const row of db.prepare(sql).iterate(...term.params) as IterableIterator<ContactRow>) {
    chunk += contactCard(cardContact(row), version);
    progress.row();
    if (chunk.length >= CHUNK) {
      await sink.write(chunk);
      chunk = '';
    }
  }
  await sink.write(chunk);
}

function cardContact(row: ContactRow): CardContact {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    phones: JSON.parse(row.phones) as CardContact['phones'],
    emails: JSON.parse(row.emails) as CardContact['emails'],
    birthday: row.birthday,
    notes: row.notes,
    updatedAt: row.updated_at,
    client: {
      name: row.client_name,
      kind: row.client_kind,
      address: row.client_address === null ? null : (JSON.parse(row.client_address) as Address),
    },
  };
}
