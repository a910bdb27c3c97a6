import { describe, expect, it } from 'vitest';
import { numberFormat, runtimeHasKazakhNumbers } from '../../../shared/i18n/number-format.ts';

/**
 * Debian's Chromium (the browser preview, the e2e tests) has no Kazakh number data, so Rapport formats
 * Kazakh numbers from Russian-in-Kazakhstan there. Node's ICU is full: its `kk-KZ` is CLDR's Kazakh,
 * which the fallback must write character for character.
 */
const cases: [string, Intl.NumberFormatOptions, number[]][] = [
  [
    'money in tenge',
    { style: 'currency', currency: 'KZT', currencyDisplay: 'narrowSymbol' },
    [31_070_000, 1234.5, -980.25, 0],
  ],
  [
    'money in dollars',
    { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' },
    [1234.5, -12],
  ],
  ['money in euros', { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol' }, [99_999.99]],
  ['money in roubles', { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol' }, [1_500_000]],
  ['a decimal', { maximumFractionDigits: 1 }, [25.46, 1_234_567.8, -3.25, 0]],
  ['a count', { maximumFractionDigits: 0 }, [12_000, 7, 1_000_000]],
  ['a share', { style: 'percent', maximumFractionDigits: 1 }, [0.742, 0.05, 1, 0]],
  [
    'an axis amount in short',
    { notation: 'compact', maximumFractionDigits: 1 },
    [999, 12_500, 4_500_000, 2.5e9],
  ],
];

describe('Kazakh numbers where the runtime lacks Kazakh number data', () => {
  it('runs where Node has Kazakh data, so the expected strings are CLDR’s', () => {
    expect(runtimeHasKazakhNumbers()).toBe(true);
    expect(new Intl.NumberFormat('kk-KZ').format(1234.5).replace(/\s/gu, ' ')).toBe('1 234,5');
  });

  it.each(cases)('writes %s as Kazakh does', (_what, options, values) => {
    const real = numberFormat('kk', options, true);
    const fallback = numberFormat('kk', options, false);
    for (const value of values) expect(fallback.format(value)).toBe(real.format(value));
  });

  it('puts the tenge sign after the amount, groups by spaces and uses a decimal comma', () => {
    const money = numberFormat(
      'kk',
      { style: 'currency', currency: 'KZT', currencyDisplay: 'narrowSymbol' },
      false,
    );
    expect(money.format(31_070_000).replace(/\s/gu, ' ')).toBe('31 070 000,00 ₸');
    const compact = numberFormat('kk', { notation: 'compact', maximumFractionDigits: 1 }, false);
    expect(compact.format(12_500).replace(/\s/gu, ' ')).toBe('12,5 мың');
  });

  it('leaves English and Russian to Intl as they are', () => {
    expect(numberFormat('en', { maximumFractionDigits: 1 }, false).format(1234.56)).toBe('1,234.6');
    expect(numberFormat('ru', { style: 'percent' }, false).format(0.5).replace(/\s/gu, ' ')).toBe('50 %');
  });
});
