import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sync-sim/simulation.ts';

/** Fixed seeds, so every run of `npm test` checks the same schedules (`npm run test:sim` tries many more). */
const SEEDS = [1, 2, 3, 4, 5, 6];

describe('the deterministic sync simulation', () => {
  it.each(SEEDS)(
    'seed %i: devices with faults, skewed clocks and offline spells converge on the server’s state',
    async (seed) => {
      const result = await runSimulation({ seed, steps: 100 });
      expect(result.clients).toBeGreaterThan(0);
      expect(result.devices).toBeGreaterThanOrEqual(3);
    },
    120_000,
  );
});
