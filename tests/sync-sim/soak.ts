/**
 * `npm run test:sim`: the sync simulation over many random seeds (default 50, or SIM_SEEDS=N), longer
 * schedules than `npm test` runs. Prints each failing seed so it can be replayed:
 *   node tests/sync-sim/soak.ts --seed 1234
 */
import { parseArgs } from 'node:util';
import { runSimulation } from './simulation.ts';

const { values } = parseArgs({
  options: { seed: { type: 'string' }, steps: { type: 'string', default: '300' } },
});
const steps = Number(values.steps);
const seeds =
  values.seed !== undefined
    ? [Number(values.seed)]
    : Array.from({ length: Number(process.env.SIM_SEEDS ?? 50) }, () => Math.floor(Math.random() * 2 ** 31));
const failed: number[] = [];
for (const seed of seeds) {
  try {
    const result = await runSimulation({ seed, steps });
    process.stdout.write(
      `seed ${String(seed)}: ok (${String(result.devices)} devices, ${String(result.clients)} clients, ${String(result.merges)} merges (${String(result.merged)} still merged), faults ${JSON.stringify(result.faults)})\n`,
    );
  } catch (error) {
    failed.push(seed);
    process.stdout.write(
      `seed ${String(seed)}: FAILED ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
process.stdout.write(
  `\n${String(seeds.length - failed.length)} of ${String(seeds.length)} seeds converged.\n`,
);
if (failed.length > 0) {
  process.stdout.write(
    `Replay: ${failed.map((s) => `node tests/sync-sim/soak.ts --seed ${String(s)}`).join('\n        ')}\n`,
  );
  process.exitCode = 1;
}
