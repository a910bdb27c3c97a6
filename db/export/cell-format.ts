import { tzOffset } from '@date-fns/tz';

/**
 * How an exported cell's value is written: the same value reads the same in CSV (text for people and for
 * re-import) and in .xlsx (Excel's own numbers, dates and booleans).
 */
export type CellKind = 'text' | 'number' | 'bool' | 'day' | 'moment';

/** A cell as read from the database: text, a number, a flag, a day (YYYY-MM-DD) or a stored moment (UTC). */
export type CellValue = string | number | boolean | null;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Offsets change on a quarter hour at the finest; a cache per quarter hour asks Intl once per quarter. */
const QUARTER_HOUR = 15 * MINUTE;
/** Days from Excel's day 0 (1899-12-30, counting its phantom 29 February 1900) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const FIRST_REAL_EXCEL_DAY = Date.UTC(1900, 2, 1);
/** A moment as Rapport stores it: UTC with milliseconds. */
const STORED_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Moments shown in one time zone: as ISO 8601 text with the zone's offset, or as Excel's local serial. */
export interface MomentFormat {
  /** `2026-03-31T19:30:00+05:00` (milliseconds only when there are some; `Z` when the offset is 0). */
  text(stored: string): string;
  /** Excel's serial of the local wall time to the second (Excel dates have no zone). */
  serial(stored: string): number | null;
}

/** Formats moments in `timeZone` (an IANA zone the caller has checked). */
export function momentFormat(timeZone: string): MomentFormat {
  const utc = /^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu)$/i.test(timeZone);
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number) => {
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = tzOffset(timeZone, new Date(ms));
      offsets.set(quarter, offset);
    }
    return offset;
  };
  return {
    text(stored) {
      // In UTC a stored moment already is its text (`…T14:30:00.000Z`): no date arithmetic per cell.
      if (utc && STORED_MOMENT.test(stored))
        return stored.endsWith('.000Z') ? `${stored.slice(0, 19)}Z` : stored;
      const ms = Date.parse(stored);
      if (Number.isNaN(ms)) return stored;
      const offset = offsetAt(ms);
      const local = new Date(ms + offset * MINUTE).toISOString();
      const seconds = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
      return `${seconds}${offsetText(offset)}`;
    },
    serial(stored) {
      const ms = Date.parse(stored);
      if (Number.isNaN(ms)) return null;
      // To the second, as Excel shows it: a fraction of a second would only blur the second read back.
      return Math.round((ms + offsetAt(ms) * MINUTE) / 1000) / (DAY / 1000) + EXCEL_EPOCH_DAYS;
    },
  };
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Excel's serial of a calendar day (YYYY-MM-DD), or null when it is not one. */
export function daySerial(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Before March 1900 Excel's count lacks the 29 February it believes in.
  return ms / DAY + EXCEL_EPOCH_DAYS - (ms < FIRST_REAL_EXCEL_DAY ? 1 : 0);
}
