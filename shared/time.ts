import { TZDate } from '@date-fns/tz';

/**
 * The UTC instant the calendar day `day` (YYYY-MM-DD) starts in the IANA time zone `timeZone`, e.g. the
 * start of 2026-03-31 in Asia/Almaty. On a day whose midnight a DST change skips (Santiago, Havana,
 * Asunción), that is the first moment of the day, 01:00 local — never 23:00 of the day before.
 */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}

/** Today's date (YYYY-MM-DD) in UTC: the default day of invoices and offers when none is given. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
