import type { Language } from './index.ts';

/** What formats numbers for one UI language: Intl.NumberFormat's `format`, nothing more. */
export interface NumberFormatter {
  format(value: number): string;
}

/** The BCP 47 tag Intl uses for numbers and money in each UI language. */
const numberLocales: Record<Language, string> = { en: 'en-US', ru: 'ru-RU', kk: 'kk-KZ' };

/**
 * Whether this runtime's ICU has Kazakh number data. Node's full ICU has; Debian's Chromium (the browser
 * preview, the end-to-end tests) accepts `kk-KZ` but formats it with ICU's root patterns: "₸ 31,070,000.00"
 * and "31M" where Kazakh reads "31 070 000,00 ₸" and "31 млн".
 */
export function runtimeHasKazakhNumbers(): boolean {
  return new Intl.NumberFormat('kk-KZ').format(1.5) === '1,5';
}

let kazakhKnown: boolean | undefined;
const formatters = new Map<string, NumberFormatter>();

/**
 * Intl.NumberFormat in a UI language, made once per language and options. Where the runtime lacks
 * Kazakh number data, Kazakh numbers are Russian-in-Kazakhstan's (`ru-KZ`: the same grouping by spaces,
 * decimal comma, currency sign after the amount and ₸ for the tenge, by CLDR), with the two places
 * Kazakh differs put right: no space before "%", and "мың" for thousands in short amounts.
 */
export function numberFormat(
  language: Language,
  options: Intl.NumberFormatOptions = {},
  hasKazakh: boolean = (kazakhKnown ??= runtimeHasKazakhNumbers()),
): NumberFormatter {
  const key = `${language}:${String(hasKazakh)}:${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = language === 'kk' && !hasKazakh ? kazakhFromRussian(options) : intlFormat(language, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function intlFormat(language: Language, options: Intl.NumberFormatOptions): NumberFormatter {
  const intl = new Intl.NumberFormat(numberLocales[language], options);
  return { format: (value) => intl.format(value) };
}

function kazakhFromRussian(options: Intl.NumberFormatOptions): NumberFormatter {
  const intl = new Intl.NumberFormat('ru-KZ', options);
  const percent = options.style === 'percent';
  const compact = options.notation === 'compact';
  return {
    format: (value) => {
      let text = intl.format(value);
      // Russian puts a no-break space before the percent sign; Kazakh writes "74,2%".
      if (percent) text = text.replace(/[\s\u00a0\u202f]%/u, '%');
      // Short thousands: Russian "тыс.", Kazakh "мың" (millions and above are spelt alike).
      if (compact) text = text.replace('тыс.', 'мың');
      return text;
    },
  };
}
