import { setImmediate as nextTurn } from 'node:timers/promises';
import { lastDigits, nameKey, normalEmail } from '../queries/duplicates.ts';
import { listedValues, searchFold } from '../search/search-text.ts';
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
}

interface Owner {
  clientId: string;
  contactId?: string;
  /** Set for records this import created: the row that created them. */
  row?: number;
}

/**
 * Every live client and contact by what an import matches on, read once at the start (one pass over
 * two tables, a few seconds for a million contacts) and kept up to date as the import creates records,
 * so a row is matched with a few map lookups, and a record the file itself repeats is found like one
 * that was there before. Keys are those of possible duplicates (db/queries/duplicates.ts): a client's
 * name without case, accents, punctuation and legal forms; an email in lower case; a phone's last ten
 * digits.
 */
export class MatchIndex {
  private readonly byExternalClient = new Map<string, Owner>();
  private readonly byExternalContact = new Map<string, Owner>();
  private readonly byEmail = new Map<string, Owner>();
  private readonly byPhone = new Map<string, Owner>();
  private readonly byName = new Map<string, Owner>();
  /** `clientId + folded contact name` → contact id: a contact of a matched client found by its name. */
  private contactByName = new Map<string, string>();
  /** Contact id → its folded name, to tell two people who share a phone (a switchboard) apart. */
  private nameOfContact = new Map<string, string>();
  /**
   * Contacts not yet in the two maps above, in the order they came: the maps are made on first use,
   * since a file of new clients never asks them (and making them is most of the cost of loading).
   */
  private unnamed: { id: string; clientId: string; name: string }[] | undefined = [];

  /** The keys this index answers for: the others are not read at all. */
  private readonly keys: ReadonlySet<MatchKey>;

  private constructor(keys: readonly MatchKey[]) {
    this.keys = new Set(keys);
  }

  /**
   * Reads the live clients and contacts, a few thousand rows at a time with a turn of the event loop
   * between them (`onStep` after each), so other calls are served while a large client base loads.
   */
  static async load(db: ReadDb, keys: readonly MatchKey[], onStep?: () => void): Promise<MatchIndex> {
    const index = new MatchIndex(keys);
    const steps = (sql: string) => rowsInSteps(db, sql, onStep);
    // NOT INDEXED: left to itself, SQLite walks the partial index of live rows and looks every row up
    // by rowid, in random order (four times slower at 300k contacts) instead of reading the table.
    // Clients are only looked up by their own id in the other tool and their name: matching on email
    // and phone alone needs none of them.
    if (index.keys.has('externalId') || index.keys.has('name'))
      for await (const [, id, name, externalId] of steps(
        'SELECT rowid, id, name, external_id FROM client NOT INDEXED',
      ))
        index.addClient(String(id), String(name), externalId as string | null);
    const byEmail = index.keys.has('email');
    const byPhone = index.keys.has('phone');
    for await (const [, id, clientId, name, emails, phones, externalId] of steps(
      `SELECT rowid, id, client_id, name, ${byEmail ? 'emails' : 'NULL'}, ${byPhone ? 'phones' : 'NULL'},
         external_id FROM contact NOT INDEXED`,
    ))
      index.addContact(String(id), String(clientId), {
        name: String(name),
        emails: listedValues(emails),
        phones: listedValues(phones),
        externalId: externalId as string | null,
      });
    return index;
  }

  /** Remembers a client (one that exists, or one this import creates from `row`). */
  addClient(id: string, name: string, externalId: string | null | undefined, row?: number): void {
    const owner: Owner = row === undefined ? { clientId: id } : { clientId: id, row };
    if (externalId && this.keys.has('externalId')) setOnce(this.byExternalClient, externalId.trim(), owner);
    if (!this.keys.has('name')) return;
    const key = nameKey(name);
    if (key !== '') setOnce(this.byName, key, owner);
  }

  /** Remembers a contact and its emails and phones. */
  addContact(
    id: string,
    clientId: string,
    contact: { name: string; emails: string[]; phones: string[]; externalId?: string | null | undefined },
    row?: number,
  ): void {
    const owner: Owner = row === undefined ? { clientId, contactId: id } : { clientId, contactId: id, row };
    if (contact.externalId && this.keys.has('externalId'))
      setOnce(this.byExternalContact, contact.externalId.trim(), owner);
    if (this.keys.has('email'))
      for (const email of contact.emails) setOnce(this.byEmail, normalEmail(email), owner);
    if (this.keys.has('phone'))
      for (const phone of contact.phones) {
        const digits = lastDigits(phone);
        if (digits !== '') setOnce(this.byPhone, digits, owner);
      }
    if (this.unnamed) this.unnamed.push({ id, clientId, name: contact.name });
    else this.name(id, clientId, contact.name);
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
      const owner = this.lookup(key, row);
      if (owner)
        return {
          clientId: owner.clientId,
          ...(owner.contactId === undefined ? {} : { contactId: owner.contactId }),
          by: key,
          ...(owner.row === undefined ? {} : { sameFileRow: owner.row }),
        };
    }
    return undefined;
  }

  /** True when the contact is called otherwise than `name` (another person at the same number). */
  isOtherPerson(contactId: string, name: unknown): boolean {
    if (typeof name !== 'string' || name.trim() === '') return false;
    const known = this.named().nameOfContact.get(contactId);
    return known !== undefined && known !== searchFold(name);
  }

  /** A contact of `clientId` with this name, if it has one. */
  contactNamed(clientId: string, name: unknown): string | undefined {
    if (typeof name !== 'string' || name.trim() === '') return undefined;
    return this.named().contactByName.get(`${clientId}\u0000${searchFold(name)}`);
  }

  private name(id: string, clientId: string, name: string): void {
    const folded = searchFold(name);
    this.contactByName.set(`${clientId}\u0000${folded}`, id);
    this.nameOfContact.set(id, folded);
  }

  /** This index with its contacts by name, made now if they are not yet. */
  private named(): this {
    if (this.unnamed) {
      for (const contact of this.unnamed) this.name(contact.id, contact.clientId, contact.name);
      this.unnamed = undefined;
    }
    return this;
  }

  private lookup(key: MatchKey, row: Parameters<MatchIndex['find']>[0]): Owner | undefined {
    if (!this.keys.has(key)) throw new Error(`The match index was loaded without the key ${key}.`);
    switch (key) {
      case 'externalId':
        return (
          (row.clientExternalId ? this.byExternalClient.get(row.clientExternalId.trim()) : undefined) ??
          (row.contactExternalId ? this.byExternalContact.get(row.contactExternalId.trim()) : undefined)
        );
      case 'email':
        for (const email of listed(row.contact?.emails)) {
          const owner = this.byEmail.get(normalEmail(email));
          if (owner) return owner;
        }
        return undefined;
      case 'phone':
        for (const phone of listed(row.contact?.phones)) {
          const digits = lastDigits(phone);
          const owner = digits === '' ? undefined : this.byPhone.get(digits);
          if (owner) return owner;
        }
        return undefined;
      case 'name': {
        const name = row.clientName ? nameKey(row.clientName) : '';
        return name === '' ? undefined : this.byName.get(name);
      }
    }
  }
}

/** The first record with a key keeps it: later ones with the same email do not steal the match. */
function setOnce(map: Map<string, Owner>, key: string, owner: Owner): void {
  if (!map.has(key)) map.set(key, owner);
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

/** Rows of a table's live rows read in steps of {@link STEP_ROWS} (`sql` selects `rowid` first). */
const STEP_ROWS = 5000;

/**
 * The live rows `sql` selects, as arrays of their columns in the order selected (rowid first): no object
 * per row, which at 300k contacts is most of what the garbage collector has to do while loading.
 */
async function* rowsInSteps(
  db: ReadDb,
  sql: string,
  onStep: (() => void) | undefined,
): AsyncGenerator<unknown[]> {
  const statement = db
    .prepare(`${sql} WHERE rowid > ? AND deleted_at IS NULL ORDER BY rowid LIMIT ${String(STEP_ROWS)}`)
    .raw(true);
  let after = 0;
  for (;;) {
    const rows = statement.all(after) as unknown[][];
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < STEP_ROWS) return;
    after = last[0] as number;
    onStep?.();
    await nextTurn();
  }
}
