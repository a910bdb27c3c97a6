import type { CountryCode } from 'libphonenumber-js/max';
import { Email, Phone } from '../../../shared/domain/fields.ts';
import { normalisePhone } from '../phones.ts';
import { type Reading, read, refuse } from './reading.ts';
import { textKey } from './text-key.ts';

/**
 * A contact's email addresses and phone numbers, and their labels. One cell may hold several: Google
 * Contacts joins them with " ::: ", people with commas, semicolons or new lines.
 */

const SEPARATORS = {
  email: /\s+:::\s+|[,;\n]+/,
  phone: /\s+:::\s+|[;\n]+|,\s+/,
};

/** The values of a cell, one per address or number. */
export function splitContactPoints(text: string, kind: 'email' | 'phone'): string[] {
  return (
    text
      .split(SEPARATORS[kind])
      .map((part) => part.trim())
      // What is left of escaped separators ("205246;;,;") is no value.
      .filter((part) => /[\p{L}\p{N}]/u.test(part))
  );
}

/** An email address as the contract takes it; `mailto:` is dropped. */
export function readEmail(text: string): Reading<string> {
  const value = text.trim().replace(/^mailto:/i, '');
  if (Email.safeParse(value).success) return read(value);
  if (!value.includes('@'))
    return refuse('invalid_email', `"${value}" has no @: it is not an email address.`);
  return refuse('invalid_email', `"${value}" is not an email address such as name@example.com.`);
}

/**
 * A phone number: a valid one (libphonenumber-js, in `country` when it has no +) is written the
 * international way, +7 701 123 4567; one it cannot place (555-555-1212 in Kazakhstan, a number of a
 * plan it does not know) is kept as the file wrote it, when the contract takes it (5 to 15 digits and
 * the usual signs). Text with no digits ("Mobile Phone", "Handy"), or letters, is refused.
 */
export function readPhone(text: string, country: CountryCode | undefined): Reading<string> {
  const value = text.trim().replace(/^tel:/i, '');
  if (!/\d/.test(value))
    return refuse('invalid_phone', `"${value}" has no digits: it is not a phone number.`);
  const phone = normalisePhone(value, country);
  if (phone.international !== undefined) return read(phone.international);
  if (Phone.safeParse(value).success) return read(value);
  return refuse(
    'invalid_phone',
    `"${value}" is not a phone number: write 5 to 15 digits, such as +7 701 123 4567.`,
  );
}

/** Words of a label, in any language of the exports, and the label Rapport keeps for them. */
const labelWords = new Map<string, string>(
  Object.entries({
    mobile: [
      'mobile',
      'cell',
      'cellular',
      'iphone',
      'handy',
      'mobil',
      'mobiltelefon',
      'мобильный',
      'мобильная',
      'сотовый',
      'ұялы',
    ],
    work: [
      'work',
      'business',
      'office',
      'company',
      'dienstlich',
      'geschäftlich',
      'рабочий',
      'рабочая',
      'служебный',
      'жұмыс',
    ],
    home: [
      'home',
      'private',
      'personal',
      'privat',
      'домашний',
      'домашняя',
      'личный',
      'личная',
      'частный',
      'үй',
    ],
    fax: ['fax', 'факс'],
    pager: ['pager', 'пейджер'],
    main: ['main', 'основной', 'основная', 'негізгі'],
    other: ['other', 'andere', 'другой', 'другая', 'прочий', 'басқа'],
  }).flatMap(([label, words]) => words.map((word) => [textKey(word), label] as const)),
);
/** Words of vCard types and exports that say nothing a person reads as a label. */
const noise = new Set([
  'pref',
  'voice',
  'internet',
  'type',
  'x400',
  'msg',
  'text',
  'uri',
  'video',
  'textphone',
  'bbs',
  'modem',
  'isdn',
  'pcs',
]);

function tokensOf(text: string): string[] {
  return text
    .replace(/([a-zа-яё])([A-ZА-ЯЁ])/gu, '$1 $2')
    .split(/[\s,;/()._:-]+/u)
    .map(textKey)
    .filter((token) => token !== '' && token !== 'x' && !noise.has(token));
}

/** Of several, the label that says most: a work mobile is a mobile; a fax says whose ("home fax"). */
const precedence = ['mobile', 'pager', 'main', 'work', 'home', 'other'];

/** The label known words make. */
function labelOf(tokens: readonly string[]): string | null {
  const labels = tokens.map((token) => labelWords.get(token)).filter((label) => label !== undefined);
  const whose = labels.find((label) => label === 'work' || label === 'home');
  if (labels.includes('fax')) return whose === undefined ? 'fax' : `${whose} fax`;
  return precedence.find((label) => labels.includes(label)) ?? null;
}

/**
 * A label as Rapport keeps it: vCard types and the exports' words in English, German, Russian and
 * Kazakh read as mobile, work, home, fax, pager, main or other ("cell,pref" → mobile, "homeFax" → home
 * fax, "* Home", Google's mark of the primary one, → home); a label of the user's own stays as written.
 */
export function readLabel(text: string): Reading<string | null> {
  const written = text.trim().replace(/^\*\s*/, '');
  const tokens = tokensOf(written);
  if (tokens.length === 0) return read(null);
  // A vCard type list ("work,cell,video") reads by the words it has; a label of the user's own only
  // when every word of it is one of ours.
  const typeList = /^[a-z0-9-]+(,[a-z0-9-]+)+$/.test(written);
  const known = typeList || tokens.every((token) => labelWords.has(token)) ? labelOf(tokens) : null;
  const label = known ?? written;
  if (label.length > 40) return refuse('too_long', `The label "${label}" is over 40 characters.`);
  return read(label);
}

/** The label a column's name gives its values ("Mobile Phone" → mobile, "Tel. dienstlich" → work). */
export function labelOfColumn(column: string): string | null {
  return labelOf(tokensOf(column));
}
