import type { Address } from '../../shared/domain/values.ts';
import type { VCardVersion } from './export-request.ts';

/** What one card is made of: a contact, and the client it works for or is. */
export interface CardContact {
  id: string;
  name: string;
  role: string | null;
  phones: { value: string; label: string | null }[];
  emails: { value: string; label: string | null }[];
  birthday: string | null;
  notes: string | null;
  updatedAt: string;
  client: { name: string | null; kind: string | null; address: Address | null };
}

/** The vCard types of the usual labels; any other label travels as Apple's X-ABLabel only. */
const phoneTypes = new Map([
  ['mobile', 'cell'],
  ['cell', 'cell'],
  ['work', 'work'],
  ['home', 'home'],
  ['fax', 'fax'],
]);
const emailTypes = new Map([
  ['work', 'work'],
  ['home', 'home'],
]);

/**
 * One contact as a vCard 4.0 (RFC 6350) or 3.0 (RFC 2426), lines ending in CRLF and folded at 75 octets.
 * FN is the name as typed, and N carries it whole as the given name (a name cannot be split into given
 * and family name without guessing). A phone or email with a label is grouped with an `X-ABLabel`
 * (Apple's and Google's way), which keeps the label as typed; labels vCard knows also set TYPE. The
 * client's address is the card's work address for a company, its home address for a person.
 */
export function contactCard(contact: CardContact, version: VCardVersion): string {
  const lines = ['BEGIN:VCARD', `VERSION:${version}`, `UID:urn:uuid:${contact.id}`];
  lines.push(`FN:${escapeText(contact.name)}`, `N:;${escapeText(contact.name)};;;`);
  const { client } = contact;
  if (client.kind === 'company' && client.name) lines.push(`ORG:${escapeText(client.name)}`);
  if (contact.role) lines.push(`TITLE:${escapeText(contact.role)}`);
  let group = 0;
  const labelled = (property: string, types: Map<string, string>, item: CardContact['phones'][number]) => {
    const label = item.label ?? '';
    const type = types.get(label.toLowerCase());
    const head = `${property}${type ? `;TYPE=${type}` : ''}:${escapeText(item.value)}`;
    if (label === '') return [head];
    group++;
    // Readers take X-ABLabel as written (Apple never escapes it): only a line break must not be in it.
    return [`item${group}.${head}`, `item${group}.X-ABLabel:${label.replace(/[\r\n]+/g, ' ')}`];
  };
  for (const phone of contact.phones) lines.push(...labelled('TEL', phoneTypes, phone));
  for (const email of contact.emails) lines.push(...labelled('EMAIL', emailTypes, email));
  const address = addressLine(client);
  if (address) lines.push(address);
  if (contact.birthday)
    lines.push(`BDAY:${version === '4.0' ? contact.birthday.replaceAll('-', '') : contact.birthday}`);
  if (contact.notes) lines.push(`NOTE:${escapeText(contact.notes)}`);
  lines.push(`REV:${revision(contact.updatedAt, version)}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function addressLine(client: CardContact['client']): string | null {
  const address = client.address;
  if (!address) return null;
  const parts = [address.street, address.city, address.region, address.postalCode, address.country];
  if (parts.every((part) => !part)) return null;
  const type = client.kind === 'person' ? 'home' : 'work';
  return `ADR;TYPE=${type}:;;${parts.map((part) => escapeText(part ?? '')).join(';')}`;
}

/** A moment as REV wants it: 4.0's basic form `20260331T143000Z`, 3.0's ISO 8601 `2026-03-31T14:30:00Z`. */
function revision(stored: string, version: VCardVersion): string {
  const seconds = `${stored.slice(0, 19)}Z`;
  return version === '4.0' ? seconds.replace(/[-:]/g, '') : seconds;
}

/** A text value's escapes (RFC 6350 3.4, RFC 2426 4): backslash, comma, semicolon, and line breaks as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\,;\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/** Longest line in octets, line break excluded (RFC 6350 3.2); a continuation starts with a space. */
const LINE_OCTETS = 75;

/**
 * Folds a line longer than 75 octets into lines of at most 75 octets, each continuation starting with a
 * space. Never inside a UTF-8 character, and never between a backslash and the character it escapes
 * (the standard allows it, but some readers unescape before unfolding).
 */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= LINE_OCTETS) return line;
  const pieces: string[] = [];
  let start = 0;
  let room = LINE_OCTETS;
  while (bytes.length - start > room) {
    let end = start + room;
    while (((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    let backslashes = 0;
    while (end - backslashes - 1 > start && bytes[end - backslashes - 1] === 0x5c) backslashes++;
    if (backslashes % 2 === 1) end--;
    pieces.push(bytes.toString('utf8', start, end));
    start = end;
    room = LINE_OCTETS - 1;
  }
  pieces.push(bytes.toString('utf8', start));
  return pieces.join('\r\n ');
}
