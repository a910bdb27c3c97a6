import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../db/analytics/clv/bgnbd-fit.ts';
import { expectedPurchases, probabilityAlive } from '../../../db/analytics/clv/bgnbd-predictions.ts';
import { fitLifetimeValueModels, type CurrencyPurchase } from '../../../db/analytics/clv/fit-models.ts';
import { fitGammaGamma } from '../../../db/analytics/clv/gamma-gamma.ts';
import { appErrorThrownBy } from '../../support/app-error.ts';
import { cdnowSamplePurchases, expectPrintedAs } from '../../support/clv-fixtures.ts';

const parameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const ordinary = { frequency: 2, recency: 30, age: 39 };

describe('histories the models cannot describe are refused (REFERENCE.md §8.6, lifetimes’ _check_inputs)', () => {
  const cases = [
    ['recency after the end of the period', { frequency: 2, recency: 40, age: 39 }, 'recency_after_age'],
    [
      'a recency without any repeat purchase',
      { frequency: 0, recency: 1, age: 1 },
      'recency_without_repeats',
    ],
    ['a negative recency', { frequency: 1, recency: -1, age: 39 }, 'non_negative'],
    ['a fractional frequency', { frequency: 1.5, recency: 3, age: 39 }, 'whole_number'],
    ['a negative frequency', { frequency: -1, recency: 0, age: 39 }, 'whole_number'],
    ['a NaN age', { frequency: 1, recency: 3, age: Number.NaN }, 'non_negative'],
    ['an infinite age', { frequency: 1, recency: 3, age: Number.POSITIVE_INFINITY }, 'non_negative'],
  ] as const;

  for (const [what, history, rule] of cases) {
    it(`${what}: by the fit and by every prediction`, () => {
      const refusals = [
        appErrorThrownBy(() => fitBgNbd([ordinary, history])),
        appErrorThrownBy(() => probabilityAlive(parameters, history)),
        appErrorThrownBy(() => expectedPurchases(parameters, history, 10)),
      ];
      for (const error of refusals) {
        expect(error.code).toBe('validation');
        expect(error.details?.issues?.map((issue) => issue.rule)).toContain(rule);
      }
    });
  }

  it('names the customer and the rule, and lists the first ten of many problems with a count of the rest', () => {
    const histories = Array.from({ length: 25 }, () => ({ frequency: 0, recency: 2, age: 1 }));
    const error = appErrorThrownBy(() => fitBgNbd(histories));
    expect(error.details?.issues).toHaveLength(10);
    expect(error.details?.problems).toBe(50);
    expect(error.message).toContain('customers.0.recency: recency 2 is after the end of the period (age 1)');
    expect(error.message).toContain('(and 40 more)');
  });

  it('a repeat buyer with a mean spend of zero or below, or not a number, is refused by Gamma-Gamma', () => {
    for (const meanRepeatSpend of [0, -3, Number.NaN]) {
      const error = appErrorThrownBy(() => fitGammaGamma([{ frequency: 2, meanRepeatSpend }]));
      expect(error.details?.issues?.[0]?.rule).toBe('positive');
    }
  });

  it('a negative time ahead is refused', () => {
    expect(appErrorThrownBy(() => expectedPurchases(parameters, ordinary, -1)).code).toBe('validation');
  });
});

describe('data that cannot fit a model gets a clear message, not NaN', () => {
  it('nobody bought twice: BG/NBD and Gamma-Gamma say so', () => {
    const oneTime = [
      { frequency: 0, recency: 0, age: 10, meanRepeatSpend: 0 },
      { frequency: 0, recency: 0, age: 5, meanRepeatSpend: 0 },
    ];
    expect(appErrorThrownBy(() => fitBgNbd(oneTime)).details?.reason).toBe('no_repeat_purchases');
    expect(appErrorThrownBy(() => fitGammaGamma(oneTime)).message).toContain('no customer bought on two');
    expect(appErrorThrownBy(() => fitBgNbd([])).details?.reason).toBe('no_repeat_purchases');
  });

  it('no purchases at all, or none on or before until', () => {
    expect(appErrorThrownBy(() => fitLifetimeValueModels([], { unit: 'week' })).message).toContain(
      'no purchases',
    );
    const purchases: CurrencyPurchase[] = [{ customer: 'a', day: '2024-05-01', amount: 5, currency: null }];
    const error = appErrorThrownBy(() =>
      fitLifetimeValueModels(purchases, { unit: 'week', until: '2024-01-01' }),
    );
    expect(error.message).toBe('No purchase is on or before 2024-01-01: nothing to fit.');
  });

  it('a currency whose customers never came back is named in the message', () => {
    const purchases: CurrencyPurchase[] = [
      ...cdnowSamplePurchases().map((p) => ({ ...p, currency: 'USD' })),
      { customer: 'a', day: '1997-03-01', amount: 5, currency: 'KZT' },
      { customer: 'b', day: '1997-03-02', amount: 7, currency: 'KZT' },
    ];
    const error = appErrorThrownBy(() =>
      fitLifetimeValueModels(purchases, { unit: 'week', until: '1997-09-30' }),
    );
    expect(error.message).toMatch(/^KZT: BG\/NBD cannot be fitted: no customer bought on two different days/);
    expect(error.details?.currency).toBe('KZT');
  });
});

describe('fitting per currency', () => {
  it('fits each currency on its own, in the order of their names, each to the published CDNOW values', () => {
    const sample = cdnowSamplePurchases();
    const purchases: CurrencyPurchase[] = [
      ...sample.map((p) => ({ ...p, currency: 'USD' })),
      ...sample.map((p) => ({ ...p, customer: `eu-${p.customer}`, currency: 'EUR' })),
    ];
    const now = new Date('2026-12-01T09:00:00Z');
    const models = fitLifetimeValueModels(purchases, { unit: 'week', until: '1997-09-30', now });
    expect(models.map((m) => [m.currency, m.unit, m.until, m.fittedAt])).toEqual([
      ['EUR', 'week', '1997-09-30', '2026-12-01T09:00:00.000Z'],
      ['USD', 'week', '1997-09-30', '2026-12-01T09:00:00.000Z'],
    ]);
    for (const { bgnbd, gammaGamma } of models) {
      expect([bgnbd.customers, gammaGamma.customers]).toEqual([2357, 946]);
      expectPrintedAs(bgnbd.r, '0.243');
      expectPrintedAs(bgnbd.logLikelihood, '-9582.429');
      expectPrintedAs(gammaGamma.v, '15.44');
      expect(Object.keys(bgnbd).sort()).toEqual(['a', 'alpha', 'b', 'customers', 'logLikelihood', 'r']);
      expect(Object.keys(gammaGamma).sort()).toEqual(['customers', 'logLikelihood', 'p', 'q', 'v']);
    }
  });

  it('until defaults to the day of the last purchase', () => {
    const models = fitLifetimeValueModels(
      cdnowSamplePurchases().map((p) => ({ ...p, currency: null })),
      { unit: 'week' },
    );
    expect(models.map((m) => [m.currency, m.until])).toEqual([[null, '1998-06-30']]);
  });
});
