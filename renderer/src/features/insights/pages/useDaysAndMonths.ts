import { useTranslation } from 'react-i18next';

/** Days as "25.5 d" in the user's language (a dash when there is no figure), and a `YYYY-MM` month as "Jul 2026". */
export function useDaysAndMonths() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    days: (days: number | null) =>
      days === null || !Number.isFinite(days)
        ? '—'
        : t('insights.lifecycle.days', { days: number.format(days) }),
    /** A chart axis's amount, short: "12.5M". */
    compact: (value: number) => compact.format(value),
    month: (value: string) =>
      /^\d{4}-\d{2}$/.test(value) ? month.format(new Date(`${value}-01T00:00:00.000Z`)) : value,
  };
}
