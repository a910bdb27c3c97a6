import { useCallback } from 'react';
import { catalogs } from '../../../shared/i18n/index.ts';
import { useLanguage } from './useFormat.ts';

/**
 * Text for a key the backend names at run time (an import problem's code, an import target's label key):
 * the user's language, else English, else the backend's own English words, so a code added to the
 * backend before its translation still reads as a sentence.
 */
export function useCatalogText() {
  const language = useLanguage();
  return useCallback(
    (key: string, fallback: string, values: Record<string, string | number> = {}): string => {
      const own: Record<string, string> = catalogs[language];
      const english: Record<string, string> = catalogs.en;
      const text = own[key] ?? english[key] ?? fallback;
      return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
        name in values ? String(values[name]) : placeholder,
      );
    },
    [language],
  );
}
