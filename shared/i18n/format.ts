import {
  type Locale,
  differenceInCalendarDays,
  format,
  formatDistanceStrict,
  formatDuration,
} from 'date-fns';
import { enUS, kk, ru } from 'date-fns/locale';
import type { Catalog } from './en.ts';
import type { Language } from './index.ts';
import { numberFormat } from './number-format.ts';

/**
 * Dates and money in the user's language. Pure functions of their inputs (the clock is passed in), so
 * the UI, the desktop notifications and the tests format the same way.
 */

const dateLocales: Record<Language, Locale> = { en: enUS, ru, kk };

/** A share (0–1) as a percentage: "74.2%", "74,2 %"; a dash for no share. */
export function formatPercent(share: number | null, language: Language): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A calendar month, e.g. "Mar 2026" / "март 2026", of a YYYY-MM month or a date in it. */
export function formatMonth(date: Date, language: Language): string {
  return format(date, 'LLL yyyy', { locale: dateLocales[language] });
}

/** A calendar month in short, for a chart's axis: "Mar 26", "мар. 26". */
export function formatShortMonth(date: Date, language: Language): string {
  return format(date, 'LLL yy', { locale: dateLocales[language] });
}

/** A day, e.g. "Mar 31, 2026" / "31 мар. 2026 г." */
export function formatDate(date: Date, language: Language): string {
  return format(date, 'PP', { locale: dateLocales[language] });
}

/** A day and time of day in the user's locale. */
export function formatDateTime(date: Date, language: Language): string {
  return format(date, 'PP p', { locale: dateLocales[language] });
}

/** A time of day, e.g. "2:30 PM" / "14:30". */
export function formatTime(date: Date, language: Language): string {
  return format(date, 'p', { locale: dateLocales[language] });
}

/**
 * How a due time relates to now: "2 days overdue", "due in 3 hours", "due now". Whole days are counted
 * by calendar day, so something due yesterday evening reads "1 day overdue" the next morning.
 */
export function formatDue(due: Date, now: Date, language: Language, catalog: Catalog): string {
  const locale = dateLocales[language];
  const days = differenceInCalendarDays(now, due);
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 1) return catalog['time.dueNow'];
  if (minutes < 0) {
    const distance =
      days >= 1
        ? formatDistanceStrict(0, days * 86_400_000, { locale, unit: 'day' })
        : formatDistanceStrict(due, now, { locale });
    return fill(catalog['time.overdueBy'], distance);
  }
  return fill(catalog['time.dueIn'], formatDistanceStrict(due, now, { locale }));
}

function fill(template: string, distance: string): string {
  return template.replace('{{distance}}', distance);
}

/** An amount of money in its currency, in the user's locale: "$1,234.50", "1 234,50 ₸". */
export function formatMoney(amount: number, currency: string, language: Language): string {
  return numberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(
    amount,
  );
}

/**
 * A measured number with up to one decimal in the user's locale, for averages and durations that are
 * not whole: "4.5", "4,5", "12" (never rounded to a whole number, as a count is).
 */
export function formatDecimal(value: number, language: Language, maximumFractionDigits = 1): string {
  return numberFormat(language, { maximumFractionDigits }).format(value);
}

/** An amount or a count in short, for a chart's axis: "1.5M", "1,5 млн", "12,5 мың". */
export function formatCompact(value: number, language: Language): string {
  return numberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A count in the user's locale: "12,000", "12 000". */
export function formatCount(count: number, language: Language): string {
  return numberFormat(language, { maximumFractionDigits: 0 }).format(count);
}

/** A span of seconds as words, to the second under a minute and to the minute above: "2 minutes 5 seconds". */
export function formatSeconds(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.round(seconds));
  const duration =
    whole < 60
      ? { seconds: whole }
      : { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60), seconds: whole % 60 };
  return (
    formatDuration(whole >= 600 ? { ...duration, seconds: 0 } : duration, {
      locale: dateLocales[language],
    }) || formatDuration({ seconds: 0 }, { locale: dateLocales[language], zero: true })
  );
}
