/**
 * `npm run bench` (lifetime-value part): how long fitting BG/NBD and Gamma-Gamma takes, from purchases to
 * parameters (summarising included), on the CDNOW sample of REFERENCE.md (budget 300 ms) and on 100k
 * simulated customers (budget 5 s). The first CDNOW run is timed apart: a background refit may well be
 * the first in its process. Writes bench/results/clv.json.
 *
 *   node bench/clv.ts [--customers N]
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CurrencyPurchase, fitLifetimeValueModels } from '../db/analytics/clv/fit-models.ts';
import { simulatePurchases } from '../db/analytics/clv/simulate-purchases.ts';
import { type Result, capped, machine, table, time, timed } from './measure.ts';

const { values: flags } = parseArgs({ options: { customers: { type: 'string', default: '100000' } } });
const CUSTOMERS = Number(flags.customers);
const fixtures = join(resolve(import.meta.dirname, '..'), '..', 'shared', 'fixtures', 'clv');

/** CDNOW_sample.txt: `master_id sample_id yyyymmdd n_cds dollars`, whitespace-separated, no header. */
function cdnowPurchases(): CurrencyPurchase[] {
  return readFileSync(join(fixtures, 'CDNOW_sample.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [, customer = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
      const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
      return { customer, day, amount: Number(dollars), currency: null };
    });
}

const results: Result[] = [];
const cdnow = cdnowPurchases();
const fitCdnow = () => fitLifetimeValueModels(cdnow, { unit: 'week', until: '1997-09-30' });
let started = performance.now();
fitCdnow();
results.push(
  capped(
    'CDNOW sample (2 357 customers): first fit in a fresh process',
    performance.now() - started,
    'ms',
    300,
  ),
);
results.push(timed('CDNOW sample (2 357 customers): fit', await time(10, fitCdnow, 3), 300));

const simulated: CurrencyPurchase[] = simulatePurchases({
  customers: CUSTOMERS,
  bgnbd: { r: 0.25, alpha: 40, a: 0.8, b: 2.5 },
  gammaGamma: { p: 6, q: 4, v: 100 },
  firstDay: '2024-01-01',
  acquisitionDays: 365,
  until: '2025-12-31',
  seed: 15,
}).map((purchase) => ({ ...purchase, currency: null }));
const fitSimulated = () => fitLifetimeValueModels(simulated, { unit: 'week' });
started = performance.now();
const [model] = fitSimulated();
const firstSeconds = (performance.now() - started) / 1000;
const label = `${CUSTOMERS.toLocaleString('en')} customers (${simulated.length.toLocaleString('en')} purchases)`;
results.push(capped(`${label}: first fit`, firstSeconds, 's', 5));
results.push(timed(`${label}: fit`, await time(3, fitSimulated, 0), 5000));

const out = join(import.meta.dirname, 'results', 'clv.json');
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results, model }, null, 2)}\n`,
);
process.stdout.write(`\nLifetime-value models\n\n${table(results)}\n\nFitted on the simulated customers:\n`);
process.stdout.write(`${JSON.stringify({ bgnbd: model?.bgnbd, gammaGamma: model?.gammaGamma })}\n`);
process.stdout.write(`\nWritten to ${out}\n`);
