import { describe, expect, it } from 'vitest';
import {
  abcClassesOf,
  quintileScores,
  scoreClients,
  vipSuggestionsOf,
} from '../../../db/analytics/figures/segments.ts';
import { segmentOf } from '../../../shared/domain/analytics-rfm.ts';

describe('RFM quintiles', () => {
  it('scores five distinct values 1 to 5, and ten distinct values two to a score', () => {
    expect(quintileScores([30, 10, 50, 20, 40])).toEqual([3, 1, 5, 2, 4]);
    // Mid-rank i − ½ of 10, in fifths: ⌊(i − ½) / 2⌋ + 1.
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('never splits equal values: they share the score of their mid-rank', () => {
    // 1,1,1 have 0 below and 3 equal: (0 + 1.5) / 5 → ⌊1.5⌋ + 1 = 2; 2 has 3 below: ⌊3.5⌋ + 1 = 4; 5 → 5.
    expect(quintileScores([1, 1, 1, 2, 5])).toEqual([2, 2, 2, 4, 5]);
    expect(quintileScores([7, 7, 7, 7])).toEqual([3, 3, 3, 3]);
    expect(quintileScores([42])).toEqual([3]);
    expect(quintileScores([])).toEqual([]);
  });

  it('scores recency on days since the last purchase, fewer days scoring higher', () => {
    // Days 0, 10, 10, 50 → values 0, −10, −10, −50: 0 has 3 below (⌊4.375⌋ + 1 = 5), −10 has 1 below
    // and 2 equal (⌊2.5⌋ + 1 = 3), −50 none below (⌊0.625⌋ + 1 = 1).
    expect(quintileScores([0, 10, 10, 50].map((days) => -days))).toEqual([5, 3, 3, 1]);
  });
});

describe('RFM segments', () => {
  it('names every cell of the R × F grid', () => {
    const grid = [5, 4, 3, 2, 1].map((r) => [1, 2, 3, 4, 5].map((f) => segmentOf(r, f)));
    expect(grid).toEqual([
      ['new', 'potentialLoyalists', 'potentialLoyalists', 'champions', 'champions'],
      ['promising', 'potentialLoyalists', 'potentialLoyalists', 'loyal', 'loyal'],
      ['aboutToSleep', 'aboutToSleep', 'needAttention', 'loyal', 'loyal'],
      ['hibernating', 'hibernating', 'atRisk', 'atRisk', 'cantLose'],
      ['lost', 'hibernating', 'atRisk', 'atRisk', 'cantLose'],
    ]);
  });

  it('scores paying clients and says the three digits', () => {
    const scored = scoreClients([
      { clientId: 'a', name: 'Ace', vip: false, revenueMinor: 300, recencyDays: 10, frequency: 3 },
      { clientId: 'b', name: 'Bolt', vip: false, revenueMinor: 100, recencyDays: 5, frequency: 2 },
      { clientId: 'c', name: 'Cobra', vip: false, revenueMinor: 30, recencyDays: 149, frequency: 1 },
      { clientId: 'e', name: 'Elm', vip: true, revenueMinor: 20, recencyDays: 29, frequency: 1 },
    ]);
    expect(scored.map((client) => [client.rfm.score, client.rfm.segment, client.abc])).toEqual([
      ['455', 'loyal', 'A'],
      ['544', 'champions', 'A'],
      ['122', 'hibernating', 'B'],
      ['221', 'hibernating', 'C'],
    ]);
    expect(vipSuggestionsOf(scored).map((client) => client.name)).toEqual(['Ace', 'Bolt']);
  });
});

describe('ABC classes', () => {
  it('puts the client that reaches exactly 80 % in A and the next in B', () => {
    expect(abcClassesOf([50, 30, 15, 5])).toEqual(['A', 'A', 'B', 'C']);
  });

  it('puts the client that crosses 80 % in A, whatever the order of the input', () => {
    expect(abcClassesOf([10, 60, 30])).toEqual(['B', 'A', 'A']);
    expect(abcClassesOf([5, 50, 15, 30])).toEqual(['C', 'A', 'B', 'A']);
  });

  it('gives a single client A, and equal revenues one class', () => {
    expect(abcClassesOf([100])).toEqual(['A']);
    expect(abcClassesOf([10, 10, 10, 10])).toEqual(['A', 'A', 'A', 'A']);
    // 40 + 40 reach 80 %: both 10s start at 80 % and share B.
    expect(abcClassesOf([40, 10, 40, 10])).toEqual(['A', 'B', 'A', 'B']);
    expect(abcClassesOf([])).toEqual([]);
  });
});
