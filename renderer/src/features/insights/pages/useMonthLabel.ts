import { format } from 'date-fns';
import { enUS, kk, ru } from 'date-fns/locale';
import { useLanguage } from '../../../i18n/useFormat.ts';

const locales = { en: enUS, ru, kk };

/** A YYYY-MM month in the user's language: "Mar 2026", "мар. 2026". */
export function useMonthLabel(): (month: string) => string {
  const locale = locales[useLanguage()];
  return (month: string) =>
    format(new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1), 'LLL yyyy', { locale });
}
