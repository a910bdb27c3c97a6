/**
 * `npm run bench` (lifetime-value part): how long fitting BG/NBD and Gamma-Gamma takes, from purchases to
 * parameters (summarising included), on the CDNOW sample of REFERENCE.md (budget 300 ms) and on 100k
 * simulated customers (budget 5 s). The first CDNOW run is timed apart: a background refit may well be
 * the first in its process. Then the real path on bench/data.ts's seeded database (100k clients, 300k
 * payments, four currencies): once in this process, from reading the payments to the stored models, and
 * once as the app runs it, in the fit worker of a backend, timed from the worker's start to the stored
 * models (each within 5 s), while payments are recorded and a client's lifetime header is read on the
 * main thread (each p95 ≤ 100 ms: the app keeps answering). `--no-background` leaves the database out.
 * Writes bench/results/clv.json.
 *
 *   node bench/clv.ts [--customers N] [--no-background] [--clients N]
 */
import Database from 'better-sqlite3';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CurrencyPurchase, fitLifetimeValueModels } from '../db/analytics/clv/fit-models.ts';
import { simulatePurchases } from '../db/analytics/clv/simulate-purchases.ts';
import { fitPaymentModels, storePaymentModels } from '../db/analytics/clv-model-store.ts';
import { paymentPurchases } from '../db/analytics/payment-purchases.ts';
import { openBackend } from '../db/backend.ts';
import { createDirectClient } from '../db/direct-client.ts';
import { DATABASE_FILE } from '../db/paths.ts';
import { createDb } from '../db/sql.ts';
import { type Result, capped, machine, percentiles, round, table, time, timed } from './measure.ts';
import { seededFolder } from './seeded-folder.ts';

const { values: flags } = parseArgs({
  allowNegative: true,
  options: {
    customers: { type: 'string', default: '100000' },
    background: { type: 'boolean', default: true },
    clients: { type: 'string', default: '100000' },
  },
});
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

if (flags.background) {
  const dataDir = await seededFolder(Number(flags.clients));
  results.push(refitInProcess(dataDir, Number(flags.clients)));
  results.push(...(await backgroundRefit(dataDir, Number(flags.clients))));
}

/** The refit's own work on the seeded database, without the worker: read, summarise, fit, store. */
function refitInProcess(dataDir: string, clients: number): Result {
  const sqlite = new Database(join(dataDir, DATABASE_FILE));
  try {
    sqlite.pragma('busy_timeout = 5000');
    const db = createDb(sqlite);
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const started = performance.now();
    storePaymentModels(sqlite, fitPaymentModels(sqlite, db, today, now));
    const seconds = (performance.now() - started) / 1000;
    // Read once more, now that SQLite's cache is warm: how much of the refit is the read.
    const readStarted = performance.now();
    const read = paymentPurchases(db, today).length;
    const readMs = round(performance.now() - readStarted, 0);
    const note = `reading the ${read.toLocaleString('en')} purchases again, warm: ${String(readMs)} ms`;
    const name = `refit on ${clients.toLocaleString('en')} clients in this process: payments read, fitted per currency, stored`;
    return capped(name, seconds, 's', 5, note);
  } finally {
    sqlite.close();
  }
}

/** The fit worker's refit on the seeded database, and the main thread's answers meanwhile. */
async function backgroundRefit(dataDir: string, clients: number): Promise<Result[]> {
  const fits: number[] = [];
  const logger = {
    info: (message: string, fields?: Record<string, unknown>) => {
      if (message.startsWith('Fitted') && typeof fields?.ms === 'number') fits.push(fields.ms);
    },
    warn: () => undefined,
    error: (message: string, fields?: Record<string, unknown>) =>
      process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  };
  // Refits planned by the writes below wait a minute: only the one started here is measured.
  const backend = await openBackend({
    dataDir,
    dailyBackups: false,
    logger,
    lifetimeValueRefitDelayMs: 60_000,
  });
  const api = createDirectClient(backend);
  // The fit worker does not hold the process open: this does, while waiting for it.
  const alive = setInterval(() => undefined, 1000);
  await backend.lifetimeValue.whenIdle();
  const client = (await api.call('clients.list', { limit: 1 })).items[0];
  if (!client) throw new Error('The seeded database has no clients');
  const record = () =>
    api.call('payments.record', {
      clientId: client.id,
      kind: 'payment',
      amount: 1000,
      currency: 'KZT',
      issuedOn: new Date().toISOString().slice(0, 10),
    });
  await record();
  const before = fits.length;
  backend.lifetimeValue.start();
  const writes: number[] = [];
  const reads: number[] = [];
  while (fits.length === before) {
    let started = performance.now();
    await record();
    writes.push(performance.now() - started);
    started = performance.now();
    await api.call('analytics.client', { id: client.id });
    reads.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  clearInterval(alive);
  backend.close();
  const label = `background refit on ${clients.toLocaleString('en')} clients`;
  return [
    capped(`${label}: fit worker, start to stored models`, (fits[before] ?? Number.NaN) / 1000, 's', 5),
    timed(`${label}: payments.record meanwhile`, percentiles(writes), 100),
    timed(`${label}: analytics.client meanwhile`, percentiles(reads), 100),
  ];
}

// Other work on the machine moves these numbers: the load while they were measured goes with them.
const loadAverage = loadavg().map((value) => round(value));
const out = join(import.meta.dirname, 'results', 'clv.json');
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), loadAverage, results, model }, null, 2)}\n`,
);
process.stdout.write(`\nLifetime-value models\n\n${table(results)}\n\nFitted on the simulated customers:\n`);
process.stdout.write(`${JSON.stringify({ bgnbd: model?.bgnbd, gammaGamma: model?.gammaGamma })}\n`);
process.stdout.write(`\nWritten to ${out}\n`);
