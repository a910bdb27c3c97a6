import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, catalogs, isLanguage, languages } from '../../../shared/i18n/index.ts';

const LANGUAGE_KEY = 'rapport.language';

/** The saved language, else the first of the browser's languages Rapport speaks, else English. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && isLanguage(saved)) return saved;
  const preferred = navigator.languages.map((l) => l.slice(0, 2)).find(isLanguage);
  return preferred ?? 'en';
}

/** Starts i18next with every catalog bundled: switching language needs no restart and no network. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(languages.map(({ code }) => [code, { translation: catalogs[code] }])),
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

/** Switches the UI language at once and remembers it. */
export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
