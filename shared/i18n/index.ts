import { type Catalog, en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

/** The UI languages, with their own names for the language picker. */
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
  { code: 'kk', name: 'Қазақша' },
] as const;

export type Language = (typeof languages)[number]['code'];

export const catalogs: Record<Language, Catalog> = { en, ru, kk };

/** True when `code` is a supported UI language. */
export function isLanguage(code: string): code is Language {
  return languages.some((l) => l.code === code);
}

export type { Catalog, MessageKey } from './en.ts';
