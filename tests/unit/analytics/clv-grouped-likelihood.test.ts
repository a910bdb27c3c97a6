import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  evaluateBgNbd,
  groupHistories,
  type BgNbdParameters,
} from '../../../db/analytics/clv/bgnbd-likelihood.ts';
import type { PurchaseHistory, SpendHistory } from '../../../db/analytics/clv/customer-summary.ts';
import {
  evaluateGammaGamma,
  gammaGammaLogLikelihood,
  groupSpends,
} from '../../../db/analytics/clv/gamma-gamma.ts';
import { logGamma } from '../../../db/analytics/clv/special-functions.ts';

const cdnowFit = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Customers as a shop has them: many share a history, ages and recencies fall on the same days. */
const histories: PurchaseHistory[] = [
  ...Array.from({ length: 5 }, () => ({ frequency: 0, recency: 0, age: 38.86 })),
  { frequency: 0, recency: 0, age: 10 },
  ...Array.from({ length: 3 }, () => ({ frequency: 2, recency: 30.43, age: 38.86 })),
  { frequency: 2, recency: 10, age: 38.86 },
  { frequency: 1, recency: 10, age: 10 },
  { frequency: 1, recency: 10, age: 10 },
  { frequency: 1, recency: 0.5, age: 10 },
  { frequency: 200, recency: 38, age: 40 },
  { frequency: 1500, recency: 38, age: 40 },
];

function closeTo(actual: number, expected: number, relative = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

describe('BG/NBD on grouped histories is the sum over the customers', () => {
  it('the 15 customers are 6 rows of repeat buyers on 6 distinct times; one-time buyers only count per age', () => {
    const grouped = groupHistories(histories);
    expect(grouped.weight.length).toBe(6);
    expect([...grouped.weight].reduce((sum, w) => sum + w, 0)).toBe(9);
    expect([...grouped.times].sort((x, y) => x - y)).toEqual([0.5, 10, 30.43, 38, 38.86, 40]);
    const aged = (time: number) => grouped.customersAged[grouped.times.indexOf(time)];
    expect([aged(38.86), aged(10), aged(40), aged(0.5)]).toEqual([9, 4, 2, 0]);
    expect(grouped.repeatsAged[grouped.times.indexOf(40)]).toBe(1700);
    expect([...grouped.distinctFrequencies]).toEqual([0, 1, 2, 200, 1500]);
    expect(grouped.customers).toBe(15);
  });

  it.each<[string, BgNbdParameters]>([
    ['CDNOW’s fit', cdnowFit],
    ['tiny parameters', { r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6 }],
    ['large parameters', { r: 50, alpha: 1e6, a: 2e3, b: 6e3 }],
  ])('at %s its log-likelihood and gradient equal those of each customer added up', (_, parameters) => {
    const grouped = evaluateBgNbd(parameters, groupHistories(histories));
    const oneByOne = histories.map((history) => evaluateBgNbd(parameters, groupHistories([history])));
    const summed = histories.reduce((sum, history) => sum + bgnbdLogLikelihood(parameters, history), 0);
    closeTo(grouped.logLikelihood, summed, 1e-11);
    grouped.gradient.forEach((value, k) => {
      const added = oneByOne.reduce((sum, evaluation) => sum + (evaluation.gradient[k] ?? 0), 0);
      const scale = oneByOne.reduce((sum, evaluation) => sum + Math.abs(evaluation.gradient[k] ?? 0), 0);
      expect(Number.isFinite(value)).toBe(true);
      expect(Math.abs(value - added)).toBeLessThanOrEqual(1e-12 * Math.max(1, scale));
    });
  });

  it('one-time buyers only (x = 0) give r·ln(α/(α + T)) each, and their a and b slopes are 0', () => {
    const once = [0, 0, 1, 40].map((age) => ({ frequency: 0, recency: 0, age }));
    const { logLikelihood, gradient } = evaluateBgNbd(cdnowFit, groupHistories(once));
    const byHand = once.reduce(
      (sum, { age }) => sum + cdnowFit.r * (Math.log(cdnowFit.alpha) - Math.log(cdnowFit.alpha + age)),
      0,
    );
    closeTo(logLikelihood, byHand);
    expect(gradient[2]).toBe(0);
    expect(gradient[3]).toBe(0);
    // b = 1 makes b + x − 1 zero for x = 0, a term one-time buyers never have.
    const atOne = evaluateBgNbd(
      { ...cdnowFit, b: 1 },
      groupHistories([...once, { frequency: 1, recency: 10, age: 10 }]),
    );
    expect([atOne.logLikelihood, ...atOne.gradient].every(Number.isFinite)).toBe(true);
  });

  it('one purchase only, on the last day observed (x = 0, T = 0), is certain: log-likelihood 0', () => {
    const { logLikelihood, gradient } = evaluateBgNbd(
      cdnowFit,
      groupHistories([{ frequency: 0, recency: 0, age: 0 }]),
    );
    expect(logLikelihood).toBe(0);
    expect(gradient.every((value) => Math.abs(value) < 1e-15)).toBe(true);
  });

  it('with a and b huge (everyone drops out with the same chance ¼) it is the fixed-chance limit, not noise', () => {
    // Where ln Γ(a + b) is 3e13, a difference of ln Γ would carry errors of 1e-2 per customer.
    const r = 2;
    const alpha = 0.35;
    const limit = (history: PurchaseHistory) => {
      const { frequency: x, recency, age } = history;
      const start = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
      const alive = x * Math.log(0.75) - (r + x) * Math.log(alpha + age);
      if (x === 0) return start + alive;
      const gone = Math.log(0.25) + (x - 1) * Math.log(0.75) - (r + x) * Math.log(alpha + recency);
      return start + Math.max(alive, gone) + Math.log1p(Math.exp(-Math.abs(alive - gone)));
    };
    const expected = histories.reduce((sum, history) => sum + limit(history), 0);
    for (const scale of [1e12, 1e13, 1e14]) {
      const { logLikelihood } = evaluateBgNbd(
        { r, alpha, a: 0.25 * scale, b: 0.75 * scale },
        groupHistories(histories),
      );
      expect(Math.abs(logLikelihood - expected)).toBeLessThan(1e-5);
    }
  });
});

/** Repeat buyers with repeated (x, zbar): CDNOW's commonest, a big spender and a frequent one. */
const spends: SpendHistory[] = [
  ...Array.from({ length: 4 }, () => ({ frequency: 1, meanRepeatSpend: 14.96 })),
  ...Array.from({ length: 2 }, () => ({ frequency: 2, meanRepeatSpend: 22.345 })),
  { frequency: 1, meanRepeatSpend: 22.345 },
  { frequency: 50, meanRepeatSpend: 38 },
  { frequency: 3, meanRepeatSpend: 300 },
];

describe('Gamma-Gamma on grouped repeat buyers is the sum over the buyers', () => {
  it('the 9 buyers are 5 distinct (x, zbar) rows, each counted as often as it occurs', () => {
    const grouped = groupSpends(spends, 1);
    expect([...grouped.weight]).toEqual([4, 2, 1, 1, 1]);
    expect(grouped.customers).toBe(9);
    expect(grouped.purchases).toBe(4 + 4 + 1 + 50 + 3);
  });

  it.each([
    ['Fader & Hardie’s fit', { p: 6.25, q: 3.74, v: 15.44 }],
    ['small parameters', { p: 0.01, q: 0.5, v: 0.01 }],
    ['large parameters', { p: 300, q: 2e3, v: 5e4 }],
  ])('at %s its log-likelihood and gradient equal those of each buyer added up', (_, parameters) => {
    const scale = 1 / 35;
    const grouped = evaluateGammaGamma(parameters, groupSpends(spends, 1));
    const summed = spends.reduce((sum, spend) => sum + gammaGammaLogLikelihood(parameters, spend), 0);
    closeTo(grouped.logLikelihood, summed, 1e-11);
    const oneByOne = spends.map((spend) => evaluateGammaGamma(parameters, groupSpends([spend], 1)));
    grouped.gradient.forEach((value, k) => {
      const added = oneByOne.reduce((sum, evaluation) => sum + (evaluation.gradient[k] ?? 0), 0);
      const size = oneByOne.reduce((sum, evaluation) => sum + Math.abs(evaluation.gradient[k] ?? 0), 0);
      expect(Math.abs(value - added)).toBeLessThanOrEqual(1e-12 * Math.max(1, size));
    });
    // Rescaling spends only moves v: the fit's own rescaling loses nothing.
    const rescaled = evaluateGammaGamma(
      { ...parameters, v: parameters.v * scale },
      groupSpends(spends, scale),
    );
    const jacobian = spends.length * Math.log(scale);
    closeTo(rescaled.logLikelihood, grouped.logLikelihood - jacobian, 1e-11);
  });

  it('with q and v huge (everyone’s purchases average the same ν = q / v) it is the gamma limit, not noise', () => {
    const p = 2.25;
    const rate = 0.44;
    // zbar of x purchases, each gamma(p, ν): gamma(px, xν).
    const limit = ({ frequency: x, meanRepeatSpend: zbar }: SpendHistory) =>
      p * x * Math.log(x * rate) + (p * x - 1) * Math.log(zbar) - x * rate * zbar - logGamma(p * x);
    const expected = spends.reduce((sum, spend) => sum + limit(spend), 0);
    for (const q of [1e12, 1e13, 1e14]) {
      const { logLikelihood } = evaluateGammaGamma({ p, q, v: q / rate }, groupSpends(spends, 1));
      expect(Math.abs(logLikelihood - expected)).toBeLessThan(1e-6);
    }
  });
});
