import { phoneDigits } from '../../shared/domain/fields.ts';
import type { PossibleDuplicates } from '../../shared/domain/client.ts';
import { searchRecords } from '../search/index.ts';
import { listedValues, searchFold } from '../search/search-text.ts';
import { readMeta, writeMeta } from '../local-meta.ts';
import type { Db, ReadDb } from '../sql.ts';

/** Words of a company name that say what kind of company it is, not which (en, ru, kk). */
const LEGAL_FORMS = new Set([
  'llp',
  'llc',
  'ltd',
  'limited',
  'jsc',
  'inc',
  'corp',
  'co',
  'company',
  'gmbh',
  'plc',
  'sa',
  'ag',
  'тоо',
  'ооо',
  'ао',
  'зао',
  'оао',
  'пао',
  'ип',
  'жшс',
  'ак',
  'кх',
]);

/** Phones compare by their last digits: "+7 701 123 45 67" and "8 (701) 1234567" are one number. */
const PHONE_DIGITS = 10;
const LIMIT = 5;

/** A client name reduced to what tells it apart: folded, without punctuation and legal forms. */
export function nameKey(name: string): string {
  return searchFold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !LEGAL_FORMS.has(word))
    .join(' ');
}

interface ContactRow {
  id: string;
  client_id: string;
  emails: string | null;
  phones: string | null;
}

/**
 * Live clients that may be the same as this one (SYNC.md: duplicates are found after the fact, then
 * merged): the same name once case, accents, punctuation and legal forms ("LLP", "ТОО") are set aside,
 * or a contact with the same phone number or email. Found through the search index, so it costs a few
 * index lookups at any size. Pairs dismissed as "not a duplicate" on this laptop are left out.
 */
export function possibleDuplicates(db: ReadDb, clientId: string): PossibleDuplicates {
  const client = db.prepare('SELECT name FROM client WHERE id = ? AND deleted_at IS NULL').get(clientId) as
    { name: string } | undefined;
  if (!client) return { items: [] };
  const dismissed = dismissedOf(db, clientId);
  const found = new Map<string, PossibleDuplicates['items'][number]['reason']>();
  const consider = (id: string, reason: PossibleDuplicates['items'][number]['reason']) => {
    if (id !== clientId && !dismissed.has(id) && !found.has(id)) found.set(id, reason);
  };

  const key = nameKey(client.name);
  if (key !== '') {
    const hits = searchRecords(db, { text: key, kinds: ['client'], limitPerKind: 20 });
    for (const item of hits.groups.flatMap((group) => group.items))
      if (nameKey(item.title) === key) consider(item.id, 'name');
  }

  const own = db
    .prepare('SELECT id, client_id, emails, phones FROM contact WHERE client_id = ? AND deleted_at IS NULL')
    .all(clientId) as ContactRow[];
  const phones = new Set(own.flatMap((c) => listedValues(c.phones).map(lastDigits)).filter(Boolean));
  const emails = new Set(own.flatMap((c) => listedValues(c.emails).map(normalEmail)));
  const contactById = db.prepare(
    'SELECT id, client_id, emails, phones FROM contact WHERE id = ? AND deleted_at IS NULL',
  );
  const search = (text: string, matches: (contact: ContactRow) => boolean, reason: 'phone' | 'email') => {
    const hits = searchRecords(db, { text, kinds: ['contact'], limitPerKind: 20 });
    for (const item of hits.groups.flatMap((group) => group.items)) {
      const contact = contactById.get(item.id) as ContactRow | undefined;
      if (contact && matches(contact)) consider(contact.client_id, reason);
    }
  };
  for (const digits of phones)
    search(digits, (c) => listedValues(c.phones).some((p) => lastDigits(p) === digits), 'phone');
  for (const email of emails)
    search(email, (c) => listedValues(c.emails).some((e) => normalEmail(e) === email), 'email');

  if (found.size === 0) return { items: [] };
  const names = db.prepare('SELECT id, name FROM client WHERE id = ? AND deleted_at IS NULL');
  const items: PossibleDuplicates['items'] = [];
  for (const [id, reason] of found) {
    const row = names.get(id) as { id: string; name: string } | undefined;
    if (row) items.push({ id: row.id, name: row.name, reason });
    if (items.length === LIMIT) break;
  }
  return { items };
}

/** Remembers on this laptop that two clients are not the same, so they are not suggested again. */
export function dismissDuplicate(db: Db, clientId: string, otherId: string): void {
  const pairs = readDismissed(db);
  const pair = [clientId, otherId].sort().join(' ');
  if (pairs.includes(pair)) return;
  // Pairs stored before the ids were checked (random ids) go on the next write; deleted clients stay,
  // since undo or restore may bring them back.
  writeMeta(db, DISMISSED_KEY, JSON.stringify([...pairsOfStoredClients(db, pairs), pair]));
}

/** The pairs whose two ids are clients in this database, deleted or not. */
function pairsOfStoredClients(db: Db, pairs: readonly string[]): string[] {
  const ids = [...new Set(pairs.flatMap((pair) => pair.split(' ')))];
  const stored = new Set(
    (
      db
        .prepare('SELECT value AS id FROM json_each(?) WHERE EXISTS (SELECT 1 FROM client WHERE id = value)')
        .all(JSON.stringify(ids)) as { id: string }[]
    ).map((row) => row.id),
  );
  return pairs.filter((pair) => pair.split(' ').every((id) => stored.has(id)));
}

const DISMISSED_KEY = 'duplicates.dismissed';

function readDismissed(db: ReadDb): string[] {
  const value = readMeta(db, DISMISSED_KEY);
  return value === null ? [] : (JSON.parse(value) as string[]);
}

function dismissedOf(db: ReadDb, clientId: string): Set<string> {
  const others = new Set<string>();
  for (const pair of readDismissed(db)) {
    const [a = '', b = ''] = pair.split(' ');
    if (a === clientId) others.add(b);
    if (b === clientId) others.add(a);
  }
  return others;
}

/** The digits a phone number is compared by (its last ten); empty for fewer than seven digits. */
export function lastDigits(phone: string): string {
  const digits = phoneDigits(phone);
  return digits.length >= 7 ? digits.slice(-PHONE_DIGITS) : '';
}

/** An email as compared: trimmed, lower case. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}
