import { type Language, isLanguage } from '../shared/i18n/index.ts';

/**
 * The language the command line speaks, as for any Unix tool: RAPPORT_LANG if set, else the locale
 * (LC_ALL, LC_MESSAGES, LANG, e.g. `ru_RU.UTF-8`), else English.
 */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  for (const name of ['RAPPORT_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const code = value.slice(0, 2).toLowerCase();
    // The first variable that is set decides, as in POSIX; a language Rapport lacks means English.
    return isLanguage(code) ? code : 'en';
  }
  return 'en';
}
