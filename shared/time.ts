/**
 * The UTC instant of midnight starting `day` (YYYY-MM-DD) in the IANA time zone `timeZone`, e.g. the
 * start of 2026-03-31 in Asia/Almaty. Handles zones whose offset changes that day (DST).
 */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date);
  let instant = wall - offsetAt(wall, timeZone);
  // The offset at the first guess may differ from the offset at the answer across a DST change.
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** Milliseconds that `timeZone` is ahead of UTC at `instant`. */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Today's date (YYYY-MM-DD) in UTC: the default day of invoices and offers when none is given. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
