import type { RawCard } from './vcard-cards.ts';
import { valueText, type RawProperty } from './vcard-text.ts';

/** A phone, email or website of a card, with its types (`cell`, `work`, `pref`…) and an Apple/Google label. */
export interface TypedValue {
  value: string;
  types: string[];
  /** From `itemN.X-ABLabel`: `_$!<HomePage>!$_` becomes `HomePage`, custom labels stay as written. */
  label?: string;
}

export interface PostalAddress {
  poBox: string;
  extended: string;
  street: string;
  city: string;
  region: string;
  postcode: string;
  country: string;
  types: string[];
  label?: string;
}

/** What Rapport takes from one vCard; photos, keys and unknown properties are left out. */
export interface VCardContact {
  version: string;
  formattedName?: string;
  name?: { family: string; given: string; additional: string; prefix: string; suffix: string };
  nickname?: string;
  organisations: { name: string; departments: string[] }[];
  titles: string[];
  roles: string[];
  phones: TypedValue[];
  emails: TypedValue[];
  addresses: PostalAddress[];
  /** LABEL: an address as printed on an envelope (vCard 2.1 and 3.0). */
  addressLabels: TypedValue[];
  urls: TypedValue[];
  /** ISO `YYYY-MM-DD`, or `--MM-DD` without a year; as written when it is neither. */
  birthday?: string;
  notes: string[];
}

/** Interprets the properties of a card by its VERSION (escapes differ between 2.1 and 3.0/4.0). */
export function contactOf(card: RawCard, defaultEncoding: string): VCardContact {
  const text = (property: RawProperty) => valueText(property, defaultEncoding);
  const version = card.properties.find((p) => p.name === 'VERSION');
  const v = version === undefined ? '2.1' : text(version).trim();
  const labels = labelsByGroup(card.properties, text);
  const contact: VCardContact = {
    version: v,
    organisations: [],
    titles: [],
    roles: [],
    phones: [],
    emails: [],
    addresses: [],
    addressLabels: [],
    urls: [],
    notes: [],
  };
  for (const property of card.properties) {
    const raw = text(property);
    const label = property.group === '' ? undefined : labels.get(property.group);
    addProperty(contact, property, raw, label);
  }
  return contact;
}

function addProperty(
  contact: VCardContact,
  property: RawProperty,
  raw: string,
  label: string | undefined,
): void {
  const v = contact.version;
  const typed = (value: string): TypedValue => ({
    value,
    types: typesOf(property),
    ...(label ? { label } : {}),
  });
  switch (property.name) {
    case 'FN':
      contact.formattedName ??= unescapeText(raw, v);
      break;
    case 'N':
      contact.name ??= nameOf(splitStructured(raw, v, true));
      break;
    case 'NICKNAME':
      contact.nickname ??= unescapeText(raw, v);
      break;
    case 'ORG': {
      const [name = '', ...departments] = splitStructured(raw, v);
      contact.organisations.push({ name, departments: departments.filter((unit) => unit.trim() !== '') });
      break;
    }
    case 'TITLE':
      contact.titles.push(unescapeText(raw, v));
      break;
    case 'ROLE':
      contact.roles.push(unescapeText(raw, v));
      break;
    case 'TEL':
      contact.phones.push(typed(phoneText(unescapeText(raw, v))));
      break;
    case 'EMAIL':
      contact.emails.push(typed(unescapeText(raw, v).replace(/^mailto:/i, '')));
      break;
    case 'URL':
      contact.urls.push(typed(unescapeText(raw, v)));
      break;
    case 'ADR':
      contact.addresses.push(addressOf(splitStructured(raw, v), typesOf(property), label));
      break;
    case 'LABEL':
      contact.addressLabels.push(typed(unescapeText(raw, v)));
      break;
    case 'BDAY':
      contact.birthday ??= isoBirthday(unescapeText(raw, v).trim());
      break;
    case 'NOTE':
      if (raw !== '') contact.notes.push(unescapeText(raw, v));
      break;
  }
}

function labelsByGroup(
  properties: readonly RawProperty[],
  text: (p: RawProperty) => string,
): Map<string, string> {
  const labels = new Map<string, string>();
  for (const property of properties) {
    if (property.name !== 'X-ABLABEL' || property.group === '') continue;
    const label = text(property)
      .replace(/^_\$!<(.*)>!\$_$/, '$1')
      .trim();
    if (label !== '') labels.set(property.group, label);
  }
  return labels;
}

/** The types of a property: TYPE lists, vCard 2.1 bare parameters, and PREF=1 as `pref`. */
function typesOf(property: RawProperty): string[] {
  const types = [
    ...(property.params.get('TYPE') ?? []).flatMap((t) => t.split(',')),
    ...property.bareParams.filter(isTypeWord),
  ].map((t) => t.trim().toLowerCase());
  if (property.params.has('PREF')) types.push('pref');
  return [...new Set(types)].filter((t) => t !== '' && t !== 'internet');
}

// Bare 2.1 parameters are types, except the charsets, languages and value kinds some writers leave bare.
function isTypeWord(bare: string): boolean {
  if (
    /^(utf-8|us-ascii|iso-8859-\d+|windows-\d+|shift_jis|inline|url|content-id|cid|vcard|7bit|8bit)$/.test(
      bare,
    )
  ) {
    return false;
  }
  return !/^[a-z]{2}-[a-z]{2}$/.test(bare);
}

function nameOf(parts: readonly string[]): NonNullable<VCardContact['name']> {
  const part = (index: number) => parts[index] ?? '';
  return { family: part(0), given: part(1), additional: part(2), prefix: part(3), suffix: part(4) };
}

function addressOf(parts: readonly string[], types: string[], label: string | undefined): PostalAddress {
  const [poBox = '', extended = '', street = '', city = '', region = '', postcode = '', country = ''] = parts;
  return { poBox, extended, street, city, region, postcode, country, types, ...(label ? { label } : {}) };
}

/** `tel:+1-418-656-9254;ext=102` (4.0 URIs) reads as `+1-418-656-9254 ext. 102`. */
function phoneText(value: string): string {
  return value.replace(/^tel:/i, '').replace(/;ext=/i, ' ext. ');
}

function isoBirthday(value: string): string {
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(value);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(value);
  if (noYear) return `--${noYear[1]}-${noYear[2]}`;
  return value;
}

/**
 * Undoes the escapes of a text value. vCard 2.1 has none in plain text (a backslash is a backslash, as
 * Android's importer reads it); 3.0 and 4.0 escape `\n`, `\\`, `\,`, `\;` and, leniently, `\:`.
 */
export function unescapeText(value: string, version: string): string {
  if (version === '2.1') return value;
  return value.replace(/\\([nN\\,;:])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/**
 * Splits a structured value (N, ADR, ORG) on its unescaped semicolons. In 2.1 `\;`, `\\`, `\:` and `\,`
 * are escapes there (and nothing else), as in Android's importer; in 3.0 and 4.0 the text escapes apply.
 * With `listsAsWords` (the name), a 3.0/4.0 comma list inside a part ("Richter,James") reads with spaces.
 */
export function splitStructured(value: string, version: string, listsAsWords = false): string[] {
  const v21 = version === '2.1';
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    const next = value[i + 1];
    if (char === '\\' && next !== undefined && (v21 ? '\\;:,' : '\\;:,nN').includes(next)) {
      current += next === 'n' || next === 'N' ? '\n' : next;
      i++;
    } else if (char === ';') {
      parts.push(current);
      current = '';
    } else if (char === ',' && listsAsWords && !v21) {
      current += ' ';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
