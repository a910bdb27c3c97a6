import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/useFormat.ts';

/** Days as "25.5 d" in the user's language (a dash when there is no figure), and a `YYYY-MM` month as "Jul 2026". */
export function useDaysAndMonths() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    days: (days: number | null) =>
      days === null || !Number.isFinite(days)
        ? '—'
        : t('insights.lifecycle.days', { days: format.decimal(days) }),
    /** A chart axis's amount, short: "12.5M". */
    compact: format.compact,
    month: (value: string) => (/^\d{4}-\d{2}$/.test(value) ? format.month(value) : value),
  };
}
