import { parseISO } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { type Language, catalogs, isLanguage } from '../../../shared/i18n/index.ts';
import {
  formatCompact,
  formatCount,
  formatDate,
  formatDecimal,
  formatDateTime,
  formatDue,
  formatMoney,
  formatPercent,
  formatMonth,
  formatSeconds,
  formatShortMonth,
  formatTime,
} from '../../../shared/i18n/format.ts';

/** The current UI language. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/** Date, time, due, money and count formatters in the current UI language. */
export function useFormat() {
  const language = useLanguage();
  return {
    language,
    date: (value: string | Date) => formatDate(new Date(value), language),
    /** A calendar day as stored (YYYY-MM-DD): that day wherever the laptop is, not UTC midnight. */
    day: (value: string) => formatDate(parseISO(value), language),
    dateTime: (value: string | Date) => formatDateTime(new Date(value), language),
    time: (value: string | Date) => formatTime(new Date(value), language),
    due: (value: string | Date, now: Date) => formatDue(new Date(value), now, language, catalogs[language]),
    money: (amount: number, currency: string) => formatMoney(amount, currency, language),
    number: (count: number) => formatCount(count, language),
    /** An average or a duration, with up to one decimal: "4.5". */
    decimal: (value: number, maximumFractionDigits?: number) =>
      formatDecimal(value, language, maximumFractionDigits),
    /** An amount in short, for a chart's axis: "1.5M". */
    compact: (value: number) => formatCompact(value, language),
    /** A calendar month as stored (YYYY-MM): "Mar 2026", "март 2026". */
    month: (month: string) => formatMonth(parseISO(`${month}-01`), language),
    /** A calendar month as stored (YYYY-MM), short for a chart's axis: "Mar 26". */
    shortMonth: (month: string) => formatShortMonth(parseISO(`${month}-01`), language),
    /** A share (0–1) as a percentage; a dash when there is none. */
    percent: (share: number | null) => formatPercent(share, language),
    /** A span of time in words: "2 minutes 5 seconds". */
    seconds: (seconds: number) => formatSeconds(seconds, language),
  };
}
