import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  evaluateBgNbd,
  groupHistories,
  type BgNbdParameters,
} from '../../../db/analytics/clv/bgnbd-likelihood.ts';
import {
  expectedPurchases,
  probabilityAlive,
  probabilityOfNoPurchase,
} from '../../../db/analytics/clv/bgnbd-predictions.ts';
import type { PurchaseHistory } from '../../../db/analytics/clv/customer-summary.ts';
import {
  evaluateGammaGamma,
  expectedSpend,
  gammaGammaLogLikelihood,
  groupSpends,
} from '../../../db/analytics/clv/gamma-gamma.ts';
import { logGamma } from '../../../db/analytics/clv/special-functions.ts';

/** A small seeded generator, so a failing case can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A number spread evenly in log between `low` and `high`: tiny and huge values alike. */
const logUniform = (random: () => number, low: number, high: number) =>
  Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low)));

function randomParameters(random: () => number, low = 1e-8, high = 1e8): BgNbdParameters {
  return {
    r: logUniform(random, low, high),
    alpha: logUniform(random, low, high),
    a: logUniform(random, low, high),
    b: logUniform(random, low, high),
  };
}

/** A history at one of the edges REFERENCE.md §8 names, or an ordinary one. */
function randomHistory(random: () => number): PurchaseHistory {
  const age = [0, 1e-6, 1, 40, 1e6, 1e12][Math.floor(random() * 6)] ?? 40;
  const frequency = [0, 1, 2, 200, 1000, 1e5][Math.floor(random() * 6)] ?? 0;
  if (frequency === 0 || age === 0) return { frequency: age === 0 ? 0 : frequency, recency: 0, age };
  const recency = [0, age / 2, age][Math.floor(random() * 3)] ?? age;
  return { frequency, recency, age };
}

describe('the BG/NBD log-likelihood stays finite and right at the edges (REFERENCE.md §8.7)', () => {
  it('is finite for 5 000 random histories and parameters from 1e-8 to 1e8, x up to 1e6, T up to 1e12', () => {
    const random = randomSource(2024);
    for (let i = 0; i < 5000; i++) {
      const parameters = randomParameters(random);
      const history = randomHistory(random);
      const value = bgnbdLogLikelihood(parameters, history);
      if (!Number.isFinite(value)) throw new Error(`not finite: ${JSON.stringify({ parameters, history })}`);
    }
  });

  it('with no repeat purchase it is r·ln(α/(α + T)), the gamma-Poisson chance of no purchase in T', () => {
    const random = randomSource(7);
    for (let i = 0; i < 500; i++) {
      const parameters = randomParameters(random, 1e-6, 1e6);
      const age = logUniform(random, 1e-6, 1e9);
      const { r, alpha } = parameters;
      const expected = r * (Math.log(alpha) - Math.log(alpha + age));
      const value = bgnbdLogLikelihood(parameters, { frequency: 0, recency: 0, age });
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });

  it('with the last purchase at the very end (recency = T) both ways of ending share one factor', () => {
    // (α+T)^−(r+x) + a/(b+x−1)·(α+T)^−(r+x) = (α+T)^−(r+x)·(1 + a/(b+x−1)), written out by hand.
    const cases: [BgNbdParameters, number, number][] = [
      [{ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 3, 40],
      [{ r: 1e-7, alpha: 1e-7, a: 1e-7, b: 1e-7 }, 1, 1e9],
      [{ r: 50, alpha: 1e6, a: 20, b: 0.01 }, 1000, 1e3],
    ];
    for (const [parameters, x, age] of cases) {
      const { r, alpha, a, b } = parameters;
      const gammas =
        logGamma(r + x) - logGamma(r) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
      const byHand =
        gammas + r * Math.log(alpha) - (r + x) * Math.log(alpha + age) + Math.log1p(a / (b + x - 1));
      const value = bgnbdLogLikelihood(parameters, { frequency: x, recency: age, age });
      expect(Math.abs(value - byHand)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(byHand)));
    }
  });

  it('its gradient is finite everywhere and matches the slope of the likelihood itself', () => {
    const random = randomSource(99);
    for (let i = 0; i < 300; i++) {
      const parameters = randomParameters(random, 1e-3, 1e3);
      const histories = [
        randomHistory(random),
        randomHistory(random),
        { frequency: 2, recency: 30, age: 39 },
      ];
      const { gradient } = evaluateBgNbd(parameters, groupHistories(histories));
      expect(gradient.every(Number.isFinite)).toBe(true);
      (['r', 'alpha', 'a', 'b'] as const).forEach((name, k) => {
        const step = parameters[name] * 1e-6;
        const at = (value: number) =>
          histories.reduce((sum, h) => sum + bgnbdLogLikelihood({ ...parameters, [name]: value }, h), 0);
        const slope = (at(parameters[name] + step) - at(parameters[name] - step)) / (2 * step);
        const scale = Math.max(1, Math.abs(slope), Math.abs(at(parameters[name])) / parameters[name]);
        expect(Math.abs((gradient[k] ?? 0) - slope)).toBeLessThan(1e-4 * scale);
      });
    }
  });
});

describe('BG/NBD predictions stay probabilities and finite counts at the edges', () => {
  it('P(alive) and P(no purchase) lie in [0, 1] and expected purchases are finite and ≥ 0', () => {
    const random = randomSource(31);
    for (let i = 0; i < 2000; i++) {
      const parameters = randomParameters(random, 1e-3, 1e3);
      const history = randomHistory(random);
      const horizon = logUniform(random, 1e-3, 1e3);
      const alive = probabilityAlive(parameters, history);
      const none = probabilityOfNoPurchase(parameters, history, horizon);
      const expected = expectedPurchases(parameters, history, horizon);
      const where = JSON.stringify({ parameters, history, horizon });
      if (!(alive >= 0 && alive <= 1)) throw new Error(`P(alive) ${alive} at ${where}`);
      if (!(none >= 0 && none <= 1 + 1e-12)) throw new Error(`P(no purchase) ${none} at ${where}`);
      if (!(Number.isFinite(expected) && expected >= -1e-12)) throw new Error(`E ${expected} at ${where}`);
    }
  });

  it('a = 1 exactly, where the expectation’s formula is 0/0, gives the limit between its neighbours', () => {
    const history = { frequency: 3, recency: 20, age: 30 };
    const at = (a: number) => expectedPurchases({ r: 0.5, alpha: 5, a, b: 2 }, history, 10);
    expect(at(1)).toBeGreaterThan(Math.min(at(0.999), at(1.001)));
    expect(at(1)).toBeLessThan(Math.max(at(0.999), at(1.001)));
  });
});

describe('the Gamma-Gamma log-likelihood and expected spend stay finite at the edges', () => {
  it('for parameters from 1e-8 to 1e8, x up to 1e6 and mean spends from a cent to a billion', () => {
    const random = randomSource(5);
    for (let i = 0; i < 5000; i++) {
      const parameters = {
        p: logUniform(random, 1e-8, 1e8),
        q: logUniform(random, 1e-8, 1e8),
        v: logUniform(random, 1e-8, 1e8),
      };
      const history = {
        frequency: [1, 2, 50, 1e6][Math.floor(random() * 4)] ?? 1,
        meanRepeatSpend: logUniform(random, 0.01, 1e9),
      };
      const value = gammaGammaLogLikelihood(parameters, history);
      if (!Number.isFinite(value)) throw new Error(`not finite: ${JSON.stringify({ parameters, history })}`);
      if (parameters.p * history.frequency + parameters.q > 1) {
        expect(Number.isFinite(expectedSpend(parameters, history))).toBe(true);
      }
    }
  });

  it('its gradient matches the slope of the likelihood itself', () => {
    const random = randomSource(17);
    for (let i = 0; i < 300; i++) {
      const parameters = {
        p: logUniform(random, 0.1, 100),
        q: logUniform(random, 1.1, 100),
        v: logUniform(random, 0.1, 1e3),
      };
      const histories = [1, 3, 40].map((frequency) => ({
        frequency,
        meanRepeatSpend: logUniform(random, 1, 500),
      }));
      const { gradient } = evaluateGammaGamma(parameters, groupSpends(histories, 1));
      (['p', 'q', 'v'] as const).forEach((name, k) => {
        const step = parameters[name] * 1e-6;
        const at = (value: number) =>
          histories.reduce((sum, h) => sum + gammaGammaLogLikelihood({ ...parameters, [name]: value }, h), 0);
        const slope = (at(parameters[name] + step) - at(parameters[name] - step)) / (2 * step);
        const scale = Math.max(1, Math.abs(slope), Math.abs(at(parameters[name])) / parameters[name]);
        expect(Math.abs((gradient[k] ?? 0) - slope)).toBeLessThan(1e-4 * scale);
      });
    }
  });
});
