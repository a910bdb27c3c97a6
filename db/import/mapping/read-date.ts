import { TZDate } from '@date-fns/tz';
import { isCalendarDate } from '../../../shared/domain/fields.ts';
import type { DateFormat } from '../mapped-row.ts';
import { serialToIso } from '../xlsx-parts.ts';
import { monthOf } from './month-names.ts';
import { type Reading, read, refuse } from './reading.ts';

/**
 * Dates as files write them. Some forms read the same whatever the column's format: ISO (2026-06-05,
 * also 2026/06/05 and 20260605, and the ISO text read-xlsx gives for Excel's date cells), a month by name
 * (7 Oct 2024, 5 июня 2026 г., 5 маусым 2026), and d.m.y with dots (nobody writes m.d.y with dots). Only
 * 05/06/2026 (or 05-06-2026) needs the column's format, `dmy` or `mdy`, unless its day is over 12; and a
 * bare number is an Excel day number only when the column says `excel`. Two-digit years follow Excel:
 * 00–29 are 2000–2029, 30–99 are 1930–1999. Impossible days (2026-02-30) are refused.
 */

interface DateParts {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second: number; ms: number };
  /** `Z` or `+05:00` when the text gives its offset from UTC. */
  offset?: string;
}

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?\s?m\.?)?)?\s*(z|[+-]\d{2}:?\d{2})?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const BASIC_ISO = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
const YEAR_WORD = String.raw`(?:\s*(?:г|гг|года|ж|жыл|жылы|жылғы)\.?)?`;
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})${YEAR_WORD},?${TIME}$`,
  'iu',
);
const MONTH_NAME_DAY = new RegExp(String.raw`^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4}),?${TIME}$`, 'iu');
const YEAR_MONTH_NAME = new RegExp(String.raw`^(\d{4})${YEAR_WORD}\s+(\d{1,2})\s+(\p{L}+)${TIME}$`, 'iu');
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;
/** 9999-12-31 in Excel's 1900 date system. */
const SERIAL_MAX = 2_958_465;

/** A calendar day, YYYY-MM-DD; a date and time gives its day (in `timeZone` when it names its offset). */
export function readDay(text: string, format: DateFormat | undefined, timeZone = 'UTC'): Reading<string> {
  const parts = dateParts(text, format);
  if (!parts.ok) return parts;
  const { year, month, day, offset } = parts.value;
  if (offset === undefined) return read(isoDay(year, month, day));
  const moment = momentOf(parts.value, timeZone);
  return read(new TZDate(moment.getTime(), timeZone).toISOString().slice(0, 10));
}

/**
 * A moment as Rapport stores it (UTC, with milliseconds). A time without an offset is the wall clock of
 * `timeZone`; a date without a time is the start of that day there (`dateOnly` says so, for a follow-up
 * due all day).
 */
export function readMoment(
  text: string,
  format: DateFormat | undefined,
  timeZone: string,
): Reading<{ moment: string; dateOnly: boolean }> {
  const parts = dateParts(text, format);
  if (!parts.ok) return parts;
  return read({ moment: momentOf(parts.value, timeZone).toISOString(), dateOnly: !parts.value.time });
}

function momentOf(parts: DateParts, timeZone: string): Date {
  const { year, month, day, time = { hour: 0, minute: 0, second: 0, ms: 0 }, offset } = parts;
  if (offset !== undefined) {
    const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const clock = `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}.${String(time.ms).padStart(3, '0')}`;
    return new Date(`${isoDay(year, month, day)}T${clock}${zone}`);
  }
  return new Date(
    new TZDate(year, month - 1, day, time.hour, time.minute, time.second, time.ms, timeZone).getTime(),
  );
}

/** The parts of a date (and time) in any form this module reads, checked against the calendar. */
function dateParts(raw: string, format: DateFormat | undefined): Reading<DateParts> {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (/^--\d{2}-?\d{2}$/.test(text)) {
    return refuse(
      'invalid_date',
      `"${text}" has no year: Rapport keeps dates with their year; add it in the file or leave the column out.`,
    );
  }
  const parts = yearFirst(text) ?? namedMonth(text) ?? dayFirst(text, format) ?? serial(text, format);
  if (parts === undefined) {
    return refuse('invalid_date', `"${text}" is not a date Rapport can read: write it as 2026-03-31.`);
  }
  if (!parts.ok) return parts;
  const { year, month, day, time } = parts.value;
  if (!isCalendarDate(isoDay(year, month, day))) {
    return refuse('invalid_date', `"${text}" is not a day of the calendar (years 1900 to 2200).`);
  }
  if (time && (time.hour > 23 || time.minute > 59 || time.second > 59)) {
    return refuse('invalid_date', `"${text}" has a time of day that does not exist.`);
  }
  return parts;
}

function yearFirst(text: string): Reading<DateParts> | undefined {
  const basic = BASIC_ISO.exec(text);
  if (basic) return read({ year: Number(basic[1]), month: Number(basic[2]), day: Number(basic[3]) });
  const match = YEAR_FIRST.exec(text);
  if (!match) return undefined;
  return withTime({ year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) }, match, 5);
}

function namedMonth(text: string): Reading<DateParts> | undefined {
  const dayMonth = DAY_MONTH_NAME.exec(text);
  const monthDay = dayMonth ? null : MONTH_NAME_DAY.exec(text);
  const yearMonth = dayMonth || monthDay ? null : YEAR_MONTH_NAME.exec(text);
  const [name, day, year] = dayMonth
    ? [dayMonth[2], dayMonth[1], dayMonth[3]]
    : monthDay
      ? [monthDay[1], monthDay[2], monthDay[3]]
      : yearMonth
        ? [yearMonth[3], yearMonth[2], yearMonth[1]]
        : [];
  const match = dayMonth ?? monthDay ?? yearMonth;
  if (!match || name === undefined) return undefined;
  const month = monthOf(name);
  if (month === undefined)
    return refuse('invalid_date', `"${text}": Rapport does not know the month "${name}".`);
  return withTime({ year: Number(year), month, day: Number(day) }, match, 4);
}

function dayFirst(text: string, format: DateFormat | undefined): Reading<DateParts> | undefined {
  const match = DAY_FIRST.exec(text);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[3])];
  const order = dayOrder(first, second, match[2] === '.', format);
  if (order === 'ambiguous') {
    return refuse(
      'ambiguous_date',
      `"${text}" could be ${first} ${monthName(second)} or ${second} ${monthName(first)}: choose the column's date format (day first or month first).`,
    );
  }
  const year = fullYear(match[4] ?? '');
  const [day, month] = order === 'dmy' ? [first, second] : [second, first];
  return withTime({ year, month, day }, match, 5);
}

/** Which of the first two numbers is the day: the column's format, else what the numbers allow. */
function dayOrder(
  first: number,
  second: number,
  dots: boolean,
  format: DateFormat | undefined,
): 'dmy' | 'mdy' | 'ambiguous' {
  if (format === 'dmy' || format === 'mdy') return format;
  if (dots || first > 12 || first === second) return 'dmy';
  if (second > 12) return 'mdy';
  return 'ambiguous';
}

function serial(text: string, format: DateFormat | undefined): Reading<DateParts> | undefined {
  if (!SERIAL.test(text)) return undefined;
  const number = Number(text);
  if (format !== 'excel') {
    return refuse(
      'invalid_date',
      `"${text}" is a number, not a date: if the column holds Excel day numbers, choose Excel as its date format.`,
    );
  }
  if (number < 1 || number > SERIAL_MAX) {
    return refuse('invalid_date', `${text} is not an Excel day number (1 to ${SERIAL_MAX}).`);
  }
  return yearFirst(serialToIso(number, false));
}

function withTime(date: DateParts, match: RegExpExecArray, from: number): Reading<DateParts> {
  const [hour, minute, second, fraction, meridiem, offset] = match.slice(from, from + 6);
  if (offset !== undefined) date.offset = offset;
  if (hour === undefined) return read(date);
  let h = Number(hour);
  if (meridiem !== undefined) {
    if (h < 1 || h > 12)
      return refuse('invalid_date', `"${match[0]}" has a time of day that does not exist.`);
    h = (h % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  date.time = { hour: h, minute: Number(minute), second: Number(second ?? 0), ms: Math.min(ms, 999) };
  return read(date);
}

function fullYear(year: string): number {
  if (year.length === 4) return Number(year);
  const short = Number(year);
  return short < 30 ? 2000 + short : 1900 + short;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function monthName(month: number): string {
  return monthNames[month - 1] ?? `month ${month}`;
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** How a column's date samples are to be read. */
export type DetectedDateFormat = DateFormat | 'ambiguous' | null;

/**
 * The format of a date column from some of its values: `dmy` or `mdy` when a day over 12 (or dots) says
 * which comes first, `ambiguous` when every such value could be either (05/06/2026) or the values
 * contradict each other, `excel` for day numbers, `iso` when all are year first, and null when no value
 * is a date at all (empty samples, or only months by name, which need no format).
 */
export function detectDateFormat(samples: readonly string[]): DetectedDateFormat {
  const seen = new Set<string>();
  for (const sample of samples) seen.add(sampleEvidence(sample.trim()));
  if (seen.has('dmy') && seen.has('mdy')) return 'ambiguous';
  if (seen.has('dmy')) return 'dmy';
  if (seen.has('mdy')) return 'mdy';
  if (seen.has('either')) return 'ambiguous';
  if (seen.has('excel')) return 'excel';
  if (seen.has('iso')) return 'iso';
  return null;
}

function sampleEvidence(text: string): string {
  if (text === '') return 'none';
  if (BASIC_ISO.test(text) || YEAR_FIRST.test(text)) return 'iso';
  const match = DAY_FIRST.exec(text);
  if (match) {
    // 05/05/2026 reads the same either way: it says nothing of the column.
    if (Number(match[1]) === Number(match[3]) && match[2] !== '.') return 'none';
    const order = dayOrder(Number(match[1]), Number(match[3]), match[2] === '.', undefined);
    return order === 'ambiguous' ? 'either' : order;
  }
  if (SERIAL.test(text) && Number(text) >= 10_000 && Number(text) <= SERIAL_MAX) return 'excel';
  return 'none';
}
