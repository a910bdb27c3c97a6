import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sync-sim/simulation.ts';

/** Fixed seeds, so every run of `npm test` checks the same schedules (`npm run test:sim` tries many more). */
const SEEDS = [1, 2, 3, 4, 5, 9];

describe('the deterministic sync simulation', () => {
  const seen = { merges: 0, crashes: 0, lostReplies: 0, duplicates: 0, offlineRounds: 0, badPushes: 0 };
  it.each(SEEDS)(
    'seed %i: devices with faults, skewed clocks, offline spells, merges, crashes and an old app pushing bad values converge on the server’s state',
    async (seed) => {
      const result = await runSimulation({ seed, steps: 100 });
      expect(result.clients).toBeGreaterThan(0);
      expect(result.devices).toBeGreaterThanOrEqual(3);
      seen.merges += result.merges;
      for (const fault of ['crashes', 'lostReplies', 'duplicates', 'offlineRounds', 'badPushes'] as const)
        seen[fault] += result.faults[fault];
    },
    120_000,
  );

  it('the fixed seeds exercise every kind of fault, bad pushes and merges', () => {
    for (const [kind, count] of Object.entries(seen)) expect(count, kind).toBeGreaterThan(0);
  });
});
