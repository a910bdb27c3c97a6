import type { NumberFormat } from '../mapped-row.ts';
import { type Reading, read, refuse } from './reading.ts';

/**
 * Numbers as files write them, in digits: `dot` (1,234.56; 1234.56) or `comma` (1.234,56; 1 234,56),
 * thousands grouped by spaces, no-break spaces, thin spaces or apostrophes too. A value reads without the
 * column's format when its separators leave one reading (1,5 or 1 234,56 or 1,234,567); 1.234 and 1,234
 * need it. Groups must be of three digits, so a value in the other format is refused, never misread.
 */

/** Spaces and apostrophes that group thousands: space, no-break, narrow no-break, thin, ' and ’. */
const GROUP_SPACE = /[ \u00a0\u202f\u2009'’]/;
const GROUP_SPACES = new RegExp(GROUP_SPACE.source, 'g');
const SIGNED = /^([-−+]?)\s*(.*)$/s;

/** A number in digits, in the column's format if it has one. */
export function readNumber(text: string, format: NumberFormat | undefined): Reading<number> {
  const trimmed = text.trim();
  const [, sign = '', body = ''] = SIGNED.exec(trimmed) ?? [];
  if (!/\d/.test(body) || /[^\d.,\s\u00a0\u202f\u2009'’]/.test(body)) {
    return refuse('invalid_number', `"${trimmed}" is not a number: write it in digits, such as 1250.50.`);
  }
  const chosen = format ?? formatOf(body);
  if (chosen === 'ambiguous') {
    return refuse(
      'ambiguous_number',
      `"${trimmed}" could be a thousand and more or one and a bit: choose the column's number format (1,234.56 or 1.234,56).`,
    );
  }
  const value = parseIn(body, chosen);
  if (value === undefined) {
    const example = chosen === 'dot' ? '1,234.56' : '1 234,56';
    return refuse('invalid_number', `"${trimmed}" is not a number written as ${example}.`);
  }
  return read(sign === '-' || sign === '−' ? -value : value);
}

/** How `body` can only be read, or 'ambiguous'; a plain integer reads the same in both. */
function formatOf(body: string): NumberFormat | 'ambiguous' {
  const dot = body.lastIndexOf('.');
  const comma = body.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? 'dot' : 'comma';
  const at = Math.max(dot, comma);
  if (at < 0) return 'dot';
  const separator = body[at] ?? '';
  const count = body.split(separator).length - 1;
  const asDecimal: NumberFormat = separator === '.' ? 'dot' : 'comma';
  const asGroup: NumberFormat = separator === '.' ? 'comma' : 'dot';
  if (count > 1) return asGroup;
  const before = body.slice(0, at).replace(GROUP_SPACES, '');
  const after = body.slice(at + 1);
  if (after.length !== 3 || GROUP_SPACE.test(body) || before.length > 3 || /^0*$/.test(before))
    return asDecimal;
  return 'ambiguous';
}

function parseIn(body: string, format: NumberFormat): number | undefined {
  const decimal = format === 'dot' ? '.' : ',';
  const group = format === 'dot' ? ',' : '.';
  const [whole = '', fraction, extra] = body.trim().split(decimal);
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  const digits = wholeDigits(whole, group);
  if (digits === undefined || (digits === '' && fraction === undefined)) return undefined;
  return Number(`${digits || '0'}${fraction === undefined ? '' : `.${fraction}`}`);
}

/** The digits of the whole part, when it is plain or grouped by threes with one kind of separator. */
function wholeDigits(whole: string, group: string): string | undefined {
  if (/^\d*$/.test(whole)) return whole;
  const separators = new Set(whole.replace(/\d/g, ''));
  if (separators.size !== 1) return undefined;
  const [separator = ''] = [...separators];
  if (separator !== group && !GROUP_SPACE.test(separator)) return undefined;
  const parts = whole.split(separator);
  const [head = '', ...rest] = parts;
  if (!/^\d{1,3}$/.test(head) || !rest.every((part) => /^\d{3}$/.test(part))) return undefined;
  return parts.join('');
}

/** How a column's number samples are to be read. */
export type DetectedNumberFormat = NumberFormat | 'ambiguous' | null;

/**
 * The format of a number column from some of its values (currency signs and % around them are ignored):
 * `dot` or `comma` when some value can only be read one way, `ambiguous` when values contradict each
 * other or all that have a separator could be either (1.234), null when none says anything (integers).
 */
export function detectNumberFormat(samples: readonly string[]): DetectedNumberFormat {
  const seen = new Set<string>();
  for (const sample of samples) {
    const body = numberIn(sample);
    if (body === undefined || !/[.,]/.test(body)) continue;
    seen.add(formatOf(body));
  }
  if (seen.has('dot') && seen.has('comma')) return 'ambiguous';
  if (seen.has('dot')) return 'dot';
  if (seen.has('comma')) return 'comma';
  return seen.has('ambiguous') ? 'ambiguous' : null;
}

/** The digits and separators of a sample, without a sign, currency or %; undefined when it has none. */
function numberIn(sample: string): string | undefined {
  const match = /[\d.,][\d.,\s\u00a0\u202f\u2009'’]*/.exec(sample);
  const body = match?.[0].trim();
  return body && /\d/.test(body) ? body : undefined;
}
