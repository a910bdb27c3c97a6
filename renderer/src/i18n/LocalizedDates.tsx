import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useLanguage } from './useFormat.ts';

/** Date pickers in the UI language (month and day names, first day of the week). */
export function LocalizedDates({ children }: { children: ReactNode }) {
  const language = useLanguage();
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: language === 'en' ? 0 : 1 }}>
      {children}
    </DatesProvider>
  );
}
