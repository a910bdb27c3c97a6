import { describe, expect, it } from 'vitest';
import { type MemberOutcome, campaignCost, campaignResult } from '../../../db/analytics/figures/campaigns.ts';
import { disciplineOf } from '../../../db/analytics/figures/payments.ts';
import { averageRating } from '../../../db/analytics/figures/service.ts';
import {
  agingBucketOf,
  daysSalesOutstanding,
  median,
  resolutionBucketOf,
  returnOnInvestment,
  solvencyRatingOf,
} from '../../../shared/domain/analytics-money.ts';

describe('days sales outstanding', () => {
  it('is receivables over revenue times the days of the period', () => {
    // 50,000 owed after 200,000 earned over 90 days: a quarter of the period's sales, 22.5 days.
    expect(daysSalesOutstanding(50_000, 200_000, 90)).toBe(22.5);
    expect(daysSalesOutstanding(0, 200_000, 90)).toBe(0);
  });

  it('has no value without revenue or days, never Infinity', () => {
    expect(daysSalesOutstanding(50_000, 0, 90)).toBeNull();
    expect(daysSalesOutstanding(50_000, -10, 90)).toBeNull();
    expect(daysSalesOutstanding(50_000, 100, 0)).toBeNull();
  });
});

describe('receivables aging', () => {
  it('puts invoices in their bucket at the edges: 30/31, 60/61, 90/91 days past due', () => {
    expect(agingBucketOf(-5)).toBe('notDue');
    expect(agingBucketOf(0)).toBe('notDue'); // due today: not late yet
    expect(agingBucketOf(1)).toBe('0-30');
    expect(agingBucketOf(30)).toBe('0-30');
    expect(agingBucketOf(31)).toBe('31-60');
    expect(agingBucketOf(60)).toBe('31-60');
    expect(agingBucketOf(61)).toBe('61-90');
    expect(agingBucketOf(90)).toBe('61-90');
    expect(agingBucketOf(91)).toBe('90+');
    expect(agingBucketOf(400)).toBe('90+');
  });
});

describe('days late and share on time', () => {
  it('averages the days late over every judged invoice, on-time ones counting zero', () => {
    // 4 invoices: on time, 10, 90 and 91 days late → 1 / 4 on time, 191 / 4 = 47.75 → 47.8 days.
    expect(disciplineOf({ invoices: 4, on_time: 1, late_days: 191 })).toEqual({
      invoices: 4,
      onTimeShare: 0.25,
      averageDaysLate: 47.8,
      rating: 'poor',
    });
    expect(disciplineOf({ invoices: 3, on_time: 2, late_days: 9 })).toMatchObject({
      onTimeShare: 2 / 3,
      averageDaysLate: 3,
      rating: 'watch',
    });
    expect(disciplineOf({ invoices: 10, on_time: 10, late_days: 0 }).rating).toBe('good');
  });

  it('has no figures without an invoice to judge', () => {
    expect(disciplineOf(undefined)).toEqual({
      invoices: 0,
      onTimeShare: null,
      averageDaysLate: null,
      rating: null,
    });
  });

  it('rates solvency at its thresholds', () => {
    expect(solvencyRatingOf(0.9, 5)).toBe('good');
    expect(solvencyRatingOf(0.89, 0)).toBe('watch');
    expect(solvencyRatingOf(1, 5.1)).toBe('watch');
    expect(solvencyRatingOf(0.6, 30)).toBe('watch');
    expect(solvencyRatingOf(0.59, 0)).toBe('poor');
    expect(solvencyRatingOf(1, 30.1)).toBe('poor');
    expect(solvencyRatingOf(null, null)).toBeNull();
  });
});

const member = (fields: Partial<MemberOutcome>): MemberOutcome => ({
  campaign_id: 'c',
  client_id: 'x',
  responded: 0,
  revenue: null,
  cost: null,
  acquired: 0,
  deals_won: 0,
  deals_won_value: null,
  ...fields,
});

describe('campaign return', () => {
  const campaign = {
    id: 'c',
    name: 'Fair',
    channel: null,
    startsOn: '2026-03-01',
    endsOn: null,
    cost: { amount: 10_000, currency: 'KZT' },
  };
  // Amounts in tiyn (minor units): 15,000.00 and 20,000.00 KZT; costs on payments 5,000 and 8,000.
  const members = [
    member({ client_id: 'a', responded: 1, revenue: 1_500_000, cost: 500_000 }),
    member({ client_id: 'b' }),
    member({ client_id: 'd', responded: 1, revenue: 2_000_000, cost: 800_000, acquired: 1, deals_won: 1 }),
    // First purchase ever in the window but nothing bought in this currency: not counted as won.
    member({ client_id: 'e', acquired: 1 }),
  ];

  it('works out ROI, profit ROI and the cost per acquired client by hand', () => {
    const result = campaignResult(campaign, members, 'KZT');
    expect(result).toMatchObject({
      members: 4,
      responses: 2,
      responseRate: 0.5,
      buyers: 2,
      acquired: 1,
      dealsWon: 1,
      revenue: 35_000,
      profit: 22_000,
      costComparable: true,
      roi: 2.5, // (35,000 − 10,000) / 10,000
      profitRoi: 1.2, // (22,000 − 10,000) / 10,000
      costPerAcquired: 10_000,
    });
  });

  it('has no ROI with a zero cost, no cost, or a cost in another currency', () => {
    const free = campaignResult({ ...campaign, cost: { amount: 0, currency: 'KZT' } }, members, 'KZT');
    expect(free).toMatchObject({ roi: null, profitRoi: null, costPerAcquired: null, costComparable: true });
    const none = campaignResult({ ...campaign, cost: null }, members, 'KZT');
    expect(none).toMatchObject({ roi: null, costComparable: false, cost: null });
    const usd = campaignResult({ ...campaign, cost: { amount: 500, currency: 'USD' } }, members, 'KZT');
    expect(usd).toMatchObject({ roi: null, costPerAcquired: null, costComparable: false });
    expect(campaignResult(campaign, [], 'KZT')).toMatchObject({ roi: -1, responseRate: null });
  });

  it('reads the stored cost and refuses what is not one', () => {
    expect(campaignCost('{"amount":1500,"currency":"KZT"}')).toEqual({ amount: 1500, currency: 'KZT' });
    expect(campaignCost(null)).toBeNull();
    expect(campaignCost('not json')).toBeNull();
    expect(campaignCost('{"amount":"1500"}')).toBeNull();
  });

  it('divides by the cost only when there is one', () => {
    expect(returnOnInvestment(150, 100)).toBe(0.5);
    expect(returnOnInvestment(150, 0)).toBeNull();
    expect(returnOnInvestment(150, null)).toBeNull();
  });
});

describe('service', () => {
  it('takes the median resolution time, odd and even counts', () => {
    expect(median([72, 2, 24])).toBe(24);
    expect(median([2, 72, 24, 384])).toBe(48);
    expect(median([])).toBeNull();
  });

  it('puts resolution times in their bucket at the edges', () => {
    expect(resolutionBucketOf(0.99)).toBe('under1h');
    expect(resolutionBucketOf(1)).toBe('1to4h');
    expect(resolutionBucketOf(24)).toBe('1to3d');
    expect(resolutionBucketOf(72)).toBe('3to7d');
    expect(resolutionBucketOf(720)).toBe('over30d');
  });

  it('averages satisfaction over the ratings recorded', () => {
    // 5, 5, 3 and 4: 17 / 4 = 4.25.
    expect(
      averageRating([
        { rating: 3, requests: 1 },
        { rating: 4, requests: 1 },
        { rating: 5, requests: 2 },
      ]),
    ).toBe(4.25);
    expect(averageRating([])).toBeNull();
  });
});
