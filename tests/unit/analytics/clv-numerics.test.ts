import { describe, expect, it } from 'vitest';
import { minimize, minimizeFromStarts } from '../../../db/analytics/clv/minimize.ts';
import { hypergeometric2F1 } from '../../../db/analytics/clv/hypergeometric.ts';
import {
  digamma,
  digammaDifference,
  logGamma,
  logGammaRatio,
} from '../../../db/analytics/clv/special-functions.ts';

const EULER_GAMMA = 0.5772156649015329;

describe('the special functions agree with known values', () => {
  it('ln Γ at tiny, half, whole, large and huge arguments (values of C’s lgamma)', () => {
    const known: [number, number][] = [
      [1e-8, 18.42068073818021],
      [0.5, 0.5723649429247004],
      [1, 0],
      [3.7, 1.4280723266653883],
      [10, 12.801827480081467],
      [171.5, 709.1431630309282],
      [1e6, 12815504.569147611],
      [1e12, 26631021115915.652],
    ];
    for (const [x, value] of known) {
      expect(Math.abs(logGamma(x) - value)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(value)));
    }
  });

  it('ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(10) = 1 + ½ + … + 1/9 − γ, and ψ(x) ≈ ln x for large x', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    const harmonic = Array.from({ length: 9 }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b, 0);
    expect(digamma(10)).toBeCloseTo(harmonic - EULER_GAMMA, 14);
    expect(digamma(1e-8)).toBeCloseTo(-1e8 - EULER_GAMMA, 6);
    expect(digamma(1e8)).toBeCloseTo(Math.log(1e8) - 0.5e-8, 12);
  });

  it('ln Γ(c + x) − ln Γ(c) and ψ(c + x) − ψ(c) are the differences where those are exact, and sums of x terms at c = 1e12', () => {
    for (const c of [0.3, 99.9, 100, 150.5, 1e3, 1e5]) {
      for (const x of [1e-6, 0.3, 1, 7, 250]) {
        const ratio = logGamma(c + x) - logGamma(c);
        const slope = digamma(c + x) - digamma(c);
        expect(Math.abs(logGammaRatio(c, x) - ratio)).toBeLessThanOrEqual(
          2e-12 * Math.max(1, logGamma(c + x)),
        );
        expect(Math.abs(digammaDifference(c, x) - slope)).toBeLessThanOrEqual(
          1e-11 * Math.max(1, digamma(c + x)),
        );
      }
    }
    // Γ(c + 3) / Γ(c) = c (c + 1) (c + 2), where ln Γ(1e12) = 2.7e13 would leave 1e-2 of noise.
    const c = 1e12;
    const logs = Math.log(c) + Math.log(c + 1) + Math.log(c + 2);
    expect(Math.abs(logGammaRatio(c, 3) - logs)).toBeLessThanOrEqual(1e-14 * logs);
    const inverses = 1 / c + 1 / (c + 1) + 1 / (c + 2);
    expect(Math.abs(digammaDifference(c, 3) - inverses)).toBeLessThanOrEqual(1e-9 * inverses);
  });

  it('₂F₁ has its closed forms: ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^−a', () => {
    // Up to z = 0.99 the power series; closer to 1 the connection formula, at an integer c − a − b too.
    for (const z of [0, 0.1, 0.5, 0.9, 0.99, 0.999999, 1 - 1e-12]) {
      const logForm = z === 0 ? 1 : -Math.log(1 - z) / z;
      expect(Math.abs(hypergeometric2F1(1, 1, 2, z) / logForm - 1)).toBeLessThan(1e-8);
      const powerForm = (1 - z) ** -2.5;
      expect(Math.abs(hypergeometric2F1(2.5, 0.7, 0.7, z) / powerForm - 1)).toBeLessThan(1e-9);
    }
  });

  it('₂F₁ near z = 1 tends to Gauss’s Γ(c)Γ(c − a − b) / (Γ(c − a)Γ(c − b))', () => {
    const gauss = Math.exp(logGamma(2.2) + logGamma(1.5) - logGamma(1.9) - logGamma(1.8));
    expect(hypergeometric2F1(0.3, 0.4, 2.2, 1 - 1e-9)).toBeCloseTo(gauss, 8);
  });
});

describe('the minimiser', () => {
  const rosenbrock = (point: readonly number[]) => {
    let value = 0;
    const gradient = point.map(() => 0);
    for (let i = 0; i + 1 < point.length; i++) {
      const [x = 0, y = 0] = [point[i], point[i + 1]];
      value += 100 * (y - x * x) ** 2 + (1 - x) ** 2;
      gradient[i] = (gradient[i] ?? 0) - 400 * x * (y - x * x) - 2 * (1 - x);
      gradient[i + 1] = (gradient[i + 1] ?? 0) + 200 * (y - x * x);
    }
    return { value, gradient };
  };

  it('walks the curved valley of Rosenbrock’s function to its minimum at (1, 1, 1, 1)', () => {
    const found = minimize(rosenbrock, [-1.2, 1, -1.2, 1], { maxIterations: 2000 });
    expect(found.converged).toBe(true);
    found.point.forEach((value) => expect(value).toBeCloseTo(1, 6));
  });

  it('backs off from points where the objective is not finite, and keeps the best of several starts', () => {
    // A bowl at 3 with a wall of Infinity beyond 4: the first full step from 0 lands in the wall.
    const walled = (point: readonly number[]) => {
      const x = point[0] ?? 0;
      return x > 4 ? { value: Infinity, gradient: [0] } : { value: (x - 3) ** 2, gradient: [2 * (x - 3)] };
    };
    const found = minimizeFromStarts(walled, [[0], [-10], [3.9]]);
    expect(found.point[0]).toBeCloseTo(3, 8);
  });
});
