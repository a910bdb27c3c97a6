import { setImmediate as nextTurn } from 'node:timers/promises';
import { lastDigits, nameKey, normalEmail } from '../queries/duplicates.ts';
import { listedValues, searchFold } from '../search/search-text.ts';
import { KeyTable } from './key-table.ts';
import { MadeRecords } from './made-records.ts';
import type { ReadDb } from '../sql.ts';
import type { FieldValues } from '../import/mapped-row.ts';

/** What a row can be matched to existing records by, in the order the user chose. */
export const matchKeys = ['externalId', 'email', 'phone', 'name'] as const;
export type MatchKey = (typeof matchKeys)[number];

/** A record the row matched, and by what. */
export interface Match {
  clientId: string;
  /** The contact that matched (by its id in the other tool, email or phone), if one did. */
  contactId?: string;
  by: MatchKey;
  /** The source row that created the record earlier in this file (a duplicate inside the file). */
  sameFileRow?: number;
  /** The index's own number of the record matched, for what is asked of it after (isOtherPerson). */
  ref: number;
}

/**
 * Every live client and contact by what an import matches on, read once at the start and kept up to
 * date as the import creates records, so a row is matched with a few lookups, and a record the file
 * itself repeats is found like one that was there before. Keys are those of possible duplicates
 * (db/queries/duplicates.ts): a client's name without case, accents, punctuation and legal forms; an
 * email in lower case; a phone's last ten digits.
 *
 * Compact, since it grows with the client base and with the file: keys sit in typed arrays
 * (KeyTable), a record that exists is kept as its rowid and its ids are read back only when a row
 * matches it, and the records the import made are packed (MadeRecords). Loading reads only the
 * columns the keys need (not a contact's ids and name), and contacts' names are asked of the database
 * when a match needs them. 300k contacts load in half the processor time and a quarter of the memory
 * a Map of strings to objects took, and a million new rows add a couple of hundred bytes each.
 */
export class MatchIndex {
  /** Values: a client's rowid (≥ 1), or -1 - the number of a client made (see #match). */
  private readonly byExternalClient = new KeyTable();
  private readonly byName = new KeyTable();
  /** Values: a contact's rowid, or -1 - the number of a contact made. */
  private readonly byExternalContact = new KeyTable();
  private readonly byEmail = new KeyTable();
  private readonly byPhone = new KeyTable();
  private readonly made = new MadeRecords();

  /** The keys this index answers for: the others are not read at all. */
  private readonly keys: ReadonlySet<MatchKey>;
  private readonly db: ReadDb;
  /** The last contact that was there before the import: later ones are the import's own (in `made`). */
  private lastContact = 0;

  private constructor(db: ReadDb, keys: readonly MatchKey[]) {
    this.db = db;
    this.keys = new Set(keys);
  }

  /**
   * Reads the live clients and contacts, a few thousand rows at a time with a turn of the event loop
   * between them (`onStep` after each), so other calls are served while a large client base loads.
   */
  static async load(db: ReadDb, keys: readonly MatchKey[], onStep?: () => void): Promise<MatchIndex> {
    const index = new MatchIndex(db, keys);
    const steps = (table: 'client' | 'contact', sql: string, each: (row: unknown[]) => void) =>
      rowsInSteps(db, table, sql, each, onStep);
    index.lastContact = lastRowid(db, 'contact');
    // Clients are only looked up by their own id in the other tool and their name: matching on email
    // and phone alone needs none of them.
    if (index.keys.has('externalId') || index.keys.has('name'))
      await steps('client', 'SELECT rowid, name, external_id FROM client NOT INDEXED', ([rowid, name, id]) =>
        index.keepClient(String(name), id as string | null, rowid as number),
      );
    if (index.keys.has('externalId'))
      await steps(
        'contact',
        'SELECT rowid, external_id FROM contact NOT INDEXED WHERE external_id IS NOT NULL AND',
        ([rowid, id]) => {
          if (id) index.byExternalContact.setOnce((id as string).trim(), rowid as number);
        },
      );
    const byEmail = index.keys.has('email');
    const byPhone = index.keys.has('phone');
    // Most contacts have an email and a phone: room for one of each is made at once.
    if (byEmail) index.byEmail.reserve(index.lastContact);
    if (byPhone) index.byPhone.reserve(index.lastContact);
    if (byEmail || byPhone)
      await steps(
        'contact',
        `SELECT rowid, ${byEmail ? 'emails' : 'NULL'}, ${byPhone ? 'phones' : 'NULL'} FROM contact NOT INDEXED`,
        ([rowid, emails, phones]) => {
          for (const email of listedValues(emails)) index.keepContactPoint('email', email, rowid as number);
          for (const phone of listedValues(phones)) index.keepContactPoint('phone', phone, rowid as number);
        },
      );
    return index;
  }

  /** Remembers a client this import creates from `row`. */
  addClient(id: string, name: string, externalId: string | null | undefined, row: number): void {
    if (!(externalId && this.keys.has('externalId')) && !(this.keys.has('name') && nameKey(name) !== ''))
      return;
    this.keepClient(name, externalId, -1 - this.made.add(id, undefined, row, undefined));
  }

  /** Remembers a contact this import creates from `row`, and its emails and phones. */
  addContact(
    id: string,
    clientId: string,
    contact: { name: string; emails: string[]; phones: string[]; externalId?: string | null | undefined },
    row: number,
  ): void {
    const folded = searchFold(contact.name);
    const ref = -1 - this.made.add(clientId, id, row, folded);
    if (contact.externalId && this.keys.has('externalId'))
      this.byExternalContact.setOnce(contact.externalId.trim(), ref);
    if (this.keys.has('email'))
      for (const email of contact.emails) this.keepContactPoint('email', email, ref);
    if (this.keys.has('phone'))
      for (const phone of contact.phones) this.keepContactPoint('phone', phone, ref);
  }

  private keepClient(name: string, externalId: string | null | undefined, ref: number): void {
    if (externalId && this.keys.has('externalId')) this.byExternalClient.setOnce(externalId.trim(), ref);
    if (!this.keys.has('name')) return;
    const key = nameKey(name);
    if (key !== '') this.byName.setOnce(key, ref);
  }

  private keepContactPoint(key: 'email' | 'phone', value: string, ref: number): void {
    if (key === 'email') this.byEmail.setOnce(normalEmail(value), ref);
    else {
      const digits = lastDigits(value);
      if (digits !== '') this.byPhone.setOnce(digits, ref);
    }
  }

  /**
   * The existing client a row is, or belongs to: tried key by key in the order given, the first that
   * finds one wins. The contact's keys (its id, emails, phones) find the client through its contact.
   */
  find(
    row: {
      clientName?: string | undefined;
      clientExternalId?: string | undefined;
      contact?: FieldValues | undefined;
      contactExternalId?: string | undefined;
    },
    keys: readonly MatchKey[],
  ): Match | undefined {
    for (const key of keys) {
      const found = this.lookup(key, row);
      if (found) return this.match(found.ref, found.table, key);
    }
    return undefined;
  }

  /** True when the matched contact is called otherwise than `name` (another person at the same number). */
  isOtherPerson(match: Match, name: unknown): boolean {
    if (typeof name !== 'string' || name.trim() === '' || match.contactId === undefined) return false;
    const known = match.ref < 0 ? this.made.name(-1 - match.ref) : this.contactName(match.ref);
    return known !== undefined && known !== searchFold(name);
  }

  /** A contact of `clientId` with this name, if it has one (the last made or, else, the last there). */
  contactNamed(clientId: string, name: unknown): string | undefined {
    if (typeof name !== 'string' || name.trim() === '') return undefined;
    const folded = searchFold(name);
    const made = this.made.contactNamed(clientId, folded);
    if (made !== undefined) return made;
    const contacts = this.db
      .prepare(
        `SELECT id, name FROM contact WHERE client_id = ? AND deleted_at IS NULL AND rowid <= ?
         ORDER BY rowid DESC`,
      )
      .all(clientId, this.lastContact) as { id: string; name: string }[];
    return contacts.find((contact) => searchFold(contact.name) === folded)?.id;
  }

  /** The folded name of a contact that was there before, by its rowid. */
  private contactName(rowid: number): string | undefined {
    const row = this.db.prepare('SELECT name FROM contact WHERE rowid = ?').get(rowid) as
      { name: string } | undefined;
    return row && searchFold(row.name);
  }

  /** The match a key found: a record made by this import, or one that was there (its ids read now). */
  private match(ref: number, table: 'client' | 'contact', by: MatchKey): Match | undefined {
    if (ref < 0) {
      const made = -1 - ref;
      const contactId = this.made.contactId(made);
      return {
        clientId: this.made.clientId(made),
        ...(contactId === undefined ? {} : { contactId }),
        by,
        sameFileRow: this.made.row(made),
        ref,
      };
    }
    if (table === 'client') {
      const client = this.db.prepare('SELECT id FROM client WHERE rowid = ?').get(ref) as
        { id: string } | undefined;
      return client && { clientId: client.id, by, ref };
    }
    const contact = this.db.prepare('SELECT id, client_id FROM contact WHERE rowid = ?').get(ref) as
      { id: string; client_id: string } | undefined;
    return contact && { clientId: contact.client_id, contactId: contact.id, by, ref };
  }

  private lookup(
    key: MatchKey,
    row: Parameters<MatchIndex['find']>[0],
  ): { ref: number; table: 'client' | 'contact' } | undefined {
    if (!this.keys.has(key)) throw new Error(`The match index was loaded without the key ${key}.`);
    const inTable = (table: 'client' | 'contact', ref: number | undefined) =>
      ref === undefined ? undefined : { ref, table };
    switch (key) {
      case 'externalId':
        return (
          inTable(
            'client',
            row.clientExternalId ? this.byExternalClient.get(row.clientExternalId.trim()) : undefined,
          ) ??
          inTable(
            'contact',
            row.contactExternalId ? this.byExternalContact.get(row.contactExternalId.trim()) : undefined,
          )
        );
      case 'email':
        for (const email of listed(row.contact?.emails)) {
          const ref = this.byEmail.get(normalEmail(email));
          if (ref !== undefined) return { ref, table: 'contact' };
        }
        return undefined;
      case 'phone':
        for (const phone of listed(row.contact?.phones)) {
          const digits = lastDigits(phone);
          const ref = digits === '' ? undefined : this.byPhone.get(digits);
          if (ref !== undefined) return { ref, table: 'contact' };
        }
        return undefined;
      case 'name': {
        const name = row.clientName ? nameKey(row.clientName) : '';
        return inTable('client', name === '' ? undefined : this.byName.get(name));
      }
    }
  }
}

/** The values of a mapped `[{value, label}]` list. */
export function listed(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && 'value' in item && typeof item.value === 'string'
      ? [item.value]
      : [],
  );
}

/** Rowids a step of {@link rowsInSteps} covers. */
const STEP_ROWS = 5000;

/** The largest rowid of a table (0 when empty): the import's own records come after it. */
function lastRowid(db: ReadDb, table: 'client' | 'contact'): number {
  const row = db.prepare(`SELECT max(rowid) AS last FROM ${table}`).get() as { last: number | null };
  return row.last ?? 0;
}

/**
 * Hands `each` the rows `sql` selects of a table's live rows, as arrays of their columns (rowid first),
 * read by ranges of rowids with a turn of the event loop between them: no object per row, and no
 * promise per row either (an async generator's `yield` is one, and at 300k contacts those took longer
 * than SQLite). `sql` ends where a condition may follow (`WHERE … AND` or its FROM).
 */
async function rowsInSteps(
  db: ReadDb,
  table: 'client' | 'contact',
  sql: string,
  each: (row: unknown[]) => void,
  onStep: (() => void) | undefined,
): Promise<void> {
  const join = /\b(WHERE|AND)\s*$/.test(sql) ? '' : ' WHERE';
  // The table is read in rowid order, range by range. Each query says NOT INDEXED: left to itself,
  // SQLite walks the partial index of live rows and looks every row up by rowid, in random order (four
  // times slower at 300k contacts) instead of reading the table.
  const statement = db
    .prepare(
      `${sql}${join} ${table}.rowid > ? AND ${table}.rowid <= ? AND ${table}.deleted_at IS NULL
       ORDER BY ${table}.rowid`,
    )
    .raw(true);
  const last = lastRowid(db, table);
  for (let after = 0; after < last; after += STEP_ROWS) {
    for (const row of statement.all(after, after + STEP_ROWS) as unknown[][]) each(row);
    onStep?.();
    await nextTurn();
  }
}
