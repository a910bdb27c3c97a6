import iconv from 'iconv-lite';
import { guessLegacyCodePage, isValidUtf8, type DetectedEncoding } from './encoding.ts';

/**
 * The byte level of vCard: properties are split and their values decoded (quoted-printable, CHARSET) from
 * bytes, because vCard 2.1 lets every property carry its own charset and a quoted-printable soft break may
 * fall inside a multi-byte character. Only once a value's bytes are whole is it turned into text.
 */

/** One property of a card, unfolded, its value still bytes. */
export interface RawProperty {
  /** `item1` of `item1.TEL`, lower case; empty when there is none. */
  group: string;
  /** Upper case: `TEL`, `X-ABLABEL`. */
  name: string;
  /** Parameter names upper case; values as written (lists split on commas). */
  params: Map<string, string[]>;
  /** Values of parameters written without a name (vCard 2.1 `TEL;CELL;PREF`), lower case. */
  bareParams: string[];
  encoding: 'quoted-printable' | 'base64' | 'text';
  value: Buffer;
  /** 1-based line where the property starts. */
  line: number;
}

const encodingNames: Record<string, RawProperty['encoding']> = {
  'quoted-printable': 'quoted-printable',
  base64: 'base64',
  b: 'base64',
};

/** Splits `group.NAME;param=value;BARE:` from the value of an unfolded line; undefined when it is none. */
export function propertyHead(line: Buffer): { head: string; valueStart: number } | undefined {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const byte = line[i];
    if (byte === 0x22) quoted = !quoted;
    else if (byte === 0x3a && !quoted) {
      const head = line.toString('latin1', 0, i);
      return /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?(;|$)/.test(head) ? { head, valueStart: i + 1 } : undefined;
    }
  }
  return undefined;
}

/** Whether a line begins a property (used to tell a new property from a quoted-printable continuation). */
export function startsProperty(line: Buffer): boolean {
  return propertyHead(line) !== undefined;
}

/** Parses the head of a property; the value is attached by the caller once all its lines are read. */
export function parseHead(head: string, line: number): Omit<RawProperty, 'value'> {
  const parts = splitOutsideQuotes(head, ';');
  const fullName = parts[0] ?? '';
  const dot = fullName.indexOf('.');
  const group = dot >= 0 ? fullName.slice(0, dot).toLowerCase() : '';
  const name = (dot >= 0 ? fullName.slice(dot + 1) : fullName).toUpperCase();
  const params = new Map<string, string[]>();
  const bareParams: string[] = [];
  let encoding: RawProperty['encoding'] = 'text';
  for (const part of parts.slice(1)) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals < 0) {
      const bare = part.trim().toLowerCase();
      const named = encodingNames[bare];
      if (named !== undefined) encoding = named;
      else bareParams.push(bare);
      continue;
    }
    const key = part.slice(0, equals).trim().toUpperCase();
    const values = splitOutsideQuotes(part.slice(equals + 1), ',').map((v) => v.replace(/^"|"$/g, ''));
    if (key === 'ENCODING') encoding = encodingNames[values[0]?.toLowerCase() ?? ''] ?? 'text';
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { group, name, params, bareParams, encoding, line };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Decodes quoted-printable bytes (soft breaks already joined); a stray `=` is kept as it is. */
export function decodeQuotedPrintable(value: Buffer): Buffer {
  const out = Buffer.alloc(value.length);
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i] ?? 0;
    if (byte === 0x3d && i + 2 < value.length && isHex(value[i + 1]) && isHex(value[i + 2])) {
      out[length++] = parseInt(value.toString('latin1', i + 1, i + 3), 16);
      i += 2;
    } else {
      out[length++] = byte;
    }
  }
  return out.subarray(0, length);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

/** The text of a property's value: quoted-printable undone, then its CHARSET (or the file's) applied. */
export function valueText(property: RawProperty, defaultEncoding: string): string {
  const bytes =
    property.encoding === 'quoted-printable' ? decodeQuotedPrintable(property.value) : property.value;
  const charset = property.params.get('CHARSET')?.[0] ?? property.bareParams.find(isCharsetName);
  const encoding = charset !== undefined && iconv.encodingExists(charset) ? charset : defaultEncoding;
  return iconv.decode(bytes, encoding, { stripBOM: false });
}

function isCharsetName(bare: string): boolean {
  return /^(utf-8|us-ascii|iso-8859-\d+|windows-\d+|shift_jis|koi8-[ru])$/.test(bare);
}

/**
 * The encoding of 8-bit text that carries no CHARSET: the file's own when it has a BOM or is UTF-16, else
 * judged on the lines without a CHARSET only (a Shift_JIS name that says so must not make the rest look
 * Japanese), by the same rules as any text file.
 */
export function vcardDefaultEncoding(sample: Buffer, fileEncoding: DetectedEncoding): string {
  if (fileEncoding.startsWith('utf-16')) return fileEncoding;
  const undeclared: Buffer[] = [];
  for (const line of splitLines(sample)) {
    if (!line.some((byte) => byte >= 0x80)) continue;
    const head = propertyHead(line)?.head ?? '';
    if (!/;\s*CHARSET=/i.test(head)) undeclared.push(line);
  }
  const bytes = Buffer.concat(undeclared);
  if (bytes.length === 0 || isValidUtf8(bytes)) return 'utf-8';
  return guessLegacyCodePage(bytes);
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(trimLineEnd(bytes.subarray(start, i)));
      start = i + 1;
    }
  }
  return lines;
}

/** Drops every CR at the end of a line: iOS writes `\r\r\n`, which must not leave an empty property. */
export function trimLineEnd(line: Buffer): Buffer {
  let end = line.length;
  while (end > 0 && line[end - 1] === 0x0d) end--;
  return line.subarray(0, end);
}
