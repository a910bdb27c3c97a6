import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { isKnownEncoding } from './encoding.ts';
import { importFileError, type RowProblem, type SourceRow } from './source-row.ts';
import { CardAssembler, type RawCard } from './vcard-cards.ts';
import { contactOf, type PostalAddress, type TypedValue, type VCardContact } from './vcard-contact.ts';
import { trimLineEnd } from './vcard-text.ts';

export type { VCardContact } from './vcard-contact.ts';

/** How to read a vCard file: the encoding of 8-bit text without a CHARSET (UTF-16 files are read whole). */
export interface VCardSettings {
  encoding: string;
}

/** A card as read, with the problems of its own (a missing END:VCARD, a value cut short). */
export interface ReadCard {
  /** 1-based number of the card in the file. */
  row: number;
  line: number;
  contact: VCardContact;
  problems: RowProblem[];
}

/**
 * Streams the cards of a vCard 2.1, 3.0 or 4.0 file, one at a time: several cards per file, each
 * property's quoted-printable and CHARSET decoded, photos skipped. A card without END:VCARD is still
 * returned, with a `card_not_terminated` problem.
 */
export async function* readVCardContacts(path: string, settings: VCardSettings): AsyncGenerator<ReadCard> {
  if (!isKnownEncoding(settings.encoding)) {
    throw importFileError('unknown_encoding', `Rapport does not know the encoding "${settings.encoding}".`);
  }
  const utf16 = /^utf-?16/i.test(settings.encoding);
  const file = createReadStream(path);
  // UTF-16 cannot be split into lines byte-wise; it is read as UTF-8, its values then decoded as such.
  const bytes: AsyncIterable<Buffer> = utf16
    ? (file
        .pipe(iconv.decodeStream(settings.encoding))
        .pipe(iconv.encodeStream('utf-8')) as AsyncIterable<Buffer>)
    : file;
  const textEncoding = utf16 ? 'utf-8' : settings.encoding;
  const assembler = new CardAssembler();
  let row = 0;
  const cardOf = (card: RawCard): ReadCard => ({
    row: ++row,
    line: card.line,
    contact: contactOf(card, textEncoding),
    problems: cardProblems(card, row),
  });
  try {
    for await (const [line, number] of linesOf(bytes)) {
      const card = assembler.push(line, number);
      if (card !== undefined) yield cardOf(card);
    }
    const last = assembler.end();
    if (last !== undefined) yield cardOf(last);
  } finally {
    file.destroy();
  }
}

/** The cards of a vCard file as rows of well-known columns ('Full name', 'Email 1', 'Phone 1 type', …). */
export async function* readVCard(path: string, settings: VCardSettings): AsyncGenerator<SourceRow> {
  for await (const card of readVCardContacts(path, settings)) {
    yield { row: card.row, line: card.line, fields: flattenContact(card.contact), problems: card.problems };
  }
}

function cardProblems(card: RawCard, row: number): RowProblem[] {
  const problems: RowProblem[] = [];
  if (!card.terminated) {
    problems.push({
      code: 'card_not_terminated',
      row,
      message: `Card ${row} (line ${card.line}) has no END:VCARD: the file may be cut off. What it holds was read.`,
    });
  }
  if (card.truncatedValue) {
    problems.push({
      code: 'card_too_large',
      row,
      message: `Card ${row} has a value over 1 MiB; it was cut short.`,
    });
  }
  return problems;
}

async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<[Buffer, number]> {
  let rest: Buffer = Buffer.alloc(0);
  let number = 0;
  for await (const chunk of stream) {
    let data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    let newline = data.indexOf(0x0a);
    while (newline >= 0) {
      yield [trimLineEnd(data.subarray(0, newline)), ++number];
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    // A line longer than a value may be (a photo written on one line) is dropped as it streams by.
    rest = data.length > 4 * 1024 * 1024 ? Buffer.alloc(0) : Buffer.from(data);
  }
  if (rest.length > 0) yield [trimLineEnd(rest), number + 1];
}

/** Flattens a card into the well-known columns every reader shares; empty values are left out. */
export function flattenContact(contact: VCardContact): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') fields[key] = value;
  };
  put('Full name', contact.formattedName);
  put('Last name', contact.name?.family);
  put('First name', contact.name?.given);
  put('Middle name', contact.name?.additional);
  put('Name prefix', contact.name?.prefix);
  put('Name suffix', contact.name?.suffix);
  put('Nickname', contact.nickname);
  contact.organisations.forEach((org, i) => {
    put(numbered('Organisation', i), org.name);
    put(numbered('Department', i), org.departments.join(' '));
  });
  contact.titles.forEach((title, i) => put(numbered('Title', i), title));
  contact.roles.forEach((role, i) => put(numbered('Role', i), role));
  putTyped(put, 'Email', contact.emails);
  putTyped(put, 'Phone', contact.phones);
  contact.addresses.forEach((address, i) => putAddress(put, i + 1, address));
  putTyped(put, 'Address label', contact.addressLabels);
  putTyped(put, 'Website', contact.urls);
  put('Birthday', contact.birthday);
  put('Note', contact.notes.join('\n'));
  return fields;
}

type Put = (key: string, value: string | undefined) => void;

function numbered(name: string, index: number): string {
  return index === 0 ? name : `${name} ${index + 1}`;
}

function putTyped(put: Put, name: string, values: readonly TypedValue[]): void {
  values.forEach((item, i) => {
    put(`${name} ${i + 1}`, item.value);
    put(`${name} ${i + 1} type`, item.label ?? item.types.join(','));
  });
}

function putAddress(put: Put, n: number, address: PostalAddress): void {
  put(`Address ${n} PO box`, address.poBox);
  put(`Address ${n} extended`, address.extended);
  put(`Address ${n} street`, address.street);
  put(`Address ${n} city`, address.city);
  put(`Address ${n} region`, address.region);
  put(`Address ${n} postcode`, address.postcode);
  put(`Address ${n} country`, address.country);
  put(`Address ${n} type`, address.label ?? address.types.join(','));
}
