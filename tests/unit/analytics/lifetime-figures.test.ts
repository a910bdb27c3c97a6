import { describe, expect, it } from 'vitest';
import { churnRiskOf, historicValueOf, quietRisk } from '../../../db/analytics/figures/lifetime.ts';
import { distributionOf } from '../../../db/analytics/figures/lifetime-report.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-06-30T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

describe('historic value: past margins carried to today at the discount rate', () => {
  it('carries a margin of 1,000 earned 730 days ago at 10 % to 1,000 × 1.1^(730 / 365.25)', () => {
    // 730 / 365.25 = 1.998631 years; 1.1^1.998631 = 1.209831 → 1,209.83; today's 500 stays 500.
    const value = historicValueOf(
      [
        { day: '2024-06-30', margin: 1000 },
        { day: '2026-06-30', margin: 500 },
      ],
      '2026-06-30',
      0.1,
    );
    expect(value).toBeCloseTo(1209.83 + 500, 1);
  });

  it('counts a refund as a negative margin, and at a rate of 0 is the plain sum', () => {
    expect(
      historicValueOf(
        [
          { day: '2025-01-01', margin: 800 },
          { day: '2025-02-01', margin: -300 },
        ],
        '2026-06-30',
        0,
      ),
    ).toBe(500);
  });
});

describe('quiet risk: silent longer than the client’s own rhythm', () => {
  it('is 0 before the client goes quiet and with no contact at all', () => {
    expect(quietRisk({ lastContactAt: daysAgo(5), quietSince: daysAgo(-25) }, NOW)).toBe(0);
    expect(quietRisk({ lastContactAt: null, quietSince: null }, NOW)).toBe(0);
  });

  it('is one half on the day it goes quiet and grows to 1 when the silence is as long again', () => {
    // One call 40 days ago: quiet after 30 days (10 days ago); 10 of the 30 allowed days over → 0.5 + 0.5 × 10/30.
    expect(quietRisk({ lastContactAt: daysAgo(40), quietSince: daysAgo(10) }, NOW)).toBeCloseTo(2 / 3, 10);
    expect(quietRisk({ lastContactAt: daysAgo(30), quietSince: daysAgo(0) }, NOW)).toBe(0.5);
    expect(quietRisk({ lastContactAt: daysAgo(90), quietSince: daysAgo(60) }, NOW)).toBe(1);
  });
});

describe('churn risk: the larger of 1 − pAlive and the quiet risk', () => {
  it('takes the larger sign and names the signs of 0.3 or more, the larger first', () => {
    expect(churnRiskOf(0.9, 0)).toEqual({ risk: expect.closeTo(0.1, 10) as number, reasons: [] });
    expect(churnRiskOf(0.4, 0.75)).toEqual({ risk: 0.75, reasons: ['quiet', 'notBuying'] });
    expect(churnRiskOf(0.2, 0)).toEqual({ risk: 0.8, reasons: ['notBuying'] });
    expect(churnRiskOf(null, 0.5)).toEqual({ risk: 0.5, reasons: ['quiet'] });
  });
});

describe('distribution of predicted values', () => {
  it('makes buckets of a round width from 0 to the largest value', () => {
    // Largest 930 → width 93 rounds up to 100: ten buckets 0–100 … 900–1000.
    const buckets = distributionOf([0, 50, 150, 930, 99.99]);
    expect(buckets).toHaveLength(10);
    expect(buckets[0]).toEqual({ from: 0, to: 100, clients: 3 });
    expect(buckets[1]).toEqual({ from: 100, to: 200, clients: 1 });
    expect(buckets[9]).toEqual({ from: 900, to: 1000, clients: 1 });
  });

  it('is empty with no buyer and one bucket when every value is 0', () => {
    expect(distributionOf([])).toEqual([]);
    expect(distributionOf([0, 0])).toEqual([{ from: 0, to: 0, clients: 2 }]);
  });
});
