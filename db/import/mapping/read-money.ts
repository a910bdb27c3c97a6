import { AMOUNT_MAX, currencyDigits } from '../../../shared/domain/fields.ts';
import type { NumberFormat } from '../mapped-row.ts';
import { readNumber } from './read-number.ts';
import { type Reading, read, refuse } from './reading.ts';
import { textKey } from './text-key.ts';

/**
 * Amounts of money: a number in digits (read-number.ts) with, before or after it, a currency sign, code
 * or word (12 500 ₸, $1,200.50, 1 200 руб., 300 EUR). Any ISO 4217 code the runtime knows is a currency;
 * besides the codes, these signs and words are: ₸ тг тңг тенге теңге (KZT), ₽ р. руб. рубль рублей RUR
 * (RUB), $ US$ долл. доллар (USD), € евро (EUR), £ (GBP). ¥ and kr. are refused: they name more than
 * one currency.
 */

const isoCodes: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

const currencyWords = new Map<string, string>(
  Object.entries({
    KZT: ['₸', 'тг', 'тңг', 'тенге', 'теңге'],
    RUB: ['₽', 'р', 'руб', 'рубль', 'рубля', 'рублей', 'рур', 'rur'],
    USD: ['$', 'us$', 'долл', 'доллар', 'доллара', 'долларов', 'доллары'],
    EUR: ['€', 'евро', 'euro', 'euros'],
    GBP: ['£'],
  }).flatMap(([code, words]) => words.map((word) => [keyOf(word), code] as const)),
);

function keyOf(word: string): string {
  const key = textKey(word);
  return key === '' ? word.trim() : key;
}

/** The ISO 4217 code a currency cell or token stands for. */
export function readCurrency(text: string): Reading<string> {
  const trimmed = text.trim();
  const code =
    currencyWords.get(keyOf(trimmed)) ??
    (isoCodes.has(trimmed.toUpperCase()) ? trimmed.toUpperCase() : undefined);
  if (code !== undefined) return read(code);
  return refuse(
    'unknown_currency',
    `Rapport does not know the currency "${trimmed}": use a code such as KZT, RUB, USD or EUR.`,
  );
}

const MONEY = /^([^\d\s.,+\-−]*)\s*([-−+]?\s*[\d.,][\d.,\s\u00a0\u202f\u2009'’]*?)\s*([^\d\s]*)$/u;

/** An amount with the currency its cell names, if it names one; not negative, in digits. */
export function readMoney(
  text: string,
  format: NumberFormat | undefined,
): Reading<{ amount: number; currency?: string }> {
  const trimmed = text.trim();
  const match = MONEY.exec(trimmed.replace(/^([-−])\s*(\D+?)\s*(\d)/u, '$2$1$3'));
  if (!match) {
    return refuse(
      'invalid_number',
      `"${trimmed}" is not an amount: write it in digits, such as 12 500 or 12 500 ₸.`,
    );
  }
  const [, before = '', digits = '', after = ''] = match;
  if (before !== '' && after !== '') {
    return refuse(
      'invalid_number',
      `"${trimmed}" names a currency twice: write the amount with one code, such as 12 500 KZT.`,
    );
  }
  const token = before || after;
  const currency = token === '' ? undefined : readCurrency(token);
  if (currency && !currency.ok) return currency;
  const number = readNumber(digits, format);
  if (!number.ok) return number;
  if (number.value < 0) {
    return refuse(
      'invalid_number',
      `"${trimmed}" is negative: amounts are not; a refund is a payment of the kind "refund".`,
    );
  }
  if (number.value > AMOUNT_MAX)
    return refuse('invalid_number', `"${trimmed}" is more than any amount Rapport keeps.`);
  return read(currency ? { amount: number.value, currency: currency.value } : { amount: number.value });
}

/** Refuses an amount with more decimals than its currency has (a JPY amount with cents). */
export function checkCurrencyDigits(amount: number, currency: string): Reading<number> {
  const digits = currencyDigits(currency);
  const scaled = amount * 10 ** digits;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    return refuse(
      'invalid_number',
      digits === 0
        ? `${currency} amounts have no decimals.`
        : `${currency} amounts have at most ${digits} decimals.`,
    );
  }
  return read(amount);
}
