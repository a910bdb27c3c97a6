/**
 * `npm run bench` (analytics part): every Insights page's backend answer on the seeded database of
 * bench/data.ts (100k clients, 300k contacts, 2M interactions, 300k payments), budget 500 ms each, through
 * the same dispatch as the app (one core: better-sqlite3 is synchronous); then the same answers right after
 * a change (a payment recorded), when no cache can help. Writes bench/results/analytics.json.
 *
 *   node bench/analytics.ts [--clients N] [--fresh] [--runs N] [--only NAME]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../db/backend.ts';
import { createDirectClient } from '../db/direct-client.ts';
import type { Method, MethodInput } from '../shared/api/contract.ts';
import { type Result, machine, percentiles, table, timed } from './measure.ts';
import { seededFolder } from './seeded-folder.ts';

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '7' },
    /** Only the answers whose name contains this text (case-insensitive), to measure one page. */
    only: { type: 'string' },
  },
});
const CLIENTS = Number(flags.clients);
const RUNS = Number(flags.runs);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1000) throw new Error('--clients must be a whole number >= 1000');
const BUDGET_MS = 500;

const dataDir = await seededFolder(CLIENTS, flags.fresh);
const backend = await openBackend({ dataDir, dailyBackups: false });
const api = createDirectClient(backend);

// The seeded history ends around now: a year back is the period people look at first.
const to = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const period = { from, to };
const someClient = (await api.call('clients.list', { limit: 1 })).items[0];
if (!someClient) throw new Error('The seeded database has no clients');
// The filter choices are the first answer the Insights ask for: timed here, as the first after opening.
const optionsStarted = performance.now();
const segment = (await api.call('analytics.options', {})).segments[0];
const optionsFirstMs = performance.now() - optionsStarted;

/** The answers of the Insights pages, each as the page asks for it. */
const calls: { name: string; method: Method; input: MethodInput<Method> }[] = [
  { name: 'options (filter choices)', method: 'analytics.options', input: {} },
  { name: 'revenue by segment', method: 'analytics.revenue', input: { period, by: 'segment' } },
  { name: 'revenue by owner', method: 'analytics.revenue', input: { period, by: 'owner' } },
  ...(segment
    ? [
        {
          name: 'revenue of one segment',
          method: 'analytics.revenue' as const,
          input: { period, filters: { segment } },
        },
      ]
    : []),
  {
    name: 'clients losing money, first page',
    method: 'analytics.clients',
    input: { period, unprofitable: true, sort: 'profitAfterService', direction: 'asc', limit: 20 },
  },
  {
    name: 'client figures by revenue, first page',
    method: 'analytics.clients',
    input: { period, sort: 'revenue' },
  },
  {
    name: 'client list drilled to the unprofitable',
    method: 'clients.list',
    input: { limit: 50, drill: { period, set: 'unprofitable' } },
  },
  { name: 'dashboard', method: 'analytics.dashboard', input: { period } },
  { name: 'lifetime value', method: 'analytics.lifetime', input: { period } },
  { name: 'one client lifetime (header)', method: 'analytics.client', input: { id: someClient.id } },
  { name: 'client solvency (header)', method: 'analytics.clientPayments', input: { id: someClient.id } },
  { name: 'segments (RFM, ABC, VIP)', method: 'analytics.segments', input: { period } },
  { name: 'retention and churn', method: 'analytics.retention', input: { period } },
  { name: 'lifecycle', method: 'analytics.lifecycle', input: { period } },
  { name: 'sales', method: 'analytics.sales', input: { period } },
  { name: 'team by owner', method: 'analytics.team', input: { period, by: 'owner' } },
  { name: 'team by region', method: 'analytics.team', input: { period, by: 'region' } },
  { name: 'payment discipline', method: 'analytics.payments', input: { period } },
  { name: 'campaigns', method: 'analytics.campaigns', input: { period } },
  { name: 'service', method: 'analytics.service', input: { period } },
];
const only = flags.only?.toLowerCase();
const chosen = only ? calls.filter((call) => call.name.toLowerCase().includes(only)) : calls;
if (chosen.length === 0) throw new Error(`--only ${String(flags.only)} matches no answer`);

await api.call('analytics.updateSettings', { hourlyCost: 6000, serviceRequestCost: 10_000 });
const results: Result[] = [];
/** Each answer's first time since the database was opened, when nothing is cached yet. */
const firstAnswers: number[] = [];
for (const call of chosen) {
  const timing = await time(call.method, call.input, RUNS);
  results.push(timed(call.name, timing, BUDGET_MS));
}
for (const [index, call] of chosen.entries()) {
  const ms = firstAnswers[index] ?? Number.NaN;
  results.push(timed(`${call.name}, first answer after opening`, percentiles([ms]), BUDGET_MS));
}
// Right after a change: each answer once after a payment is recorded (caches, if any, are stale).
for (const call of chosen) {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await api.call('payments.record', {
      clientId: someClient.id,
      kind: 'payment',
      amount: 1000 + i,
      currency: 'KZT',
      issuedOn: to,
    });
    const started = performance.now();
    await api.call(call.method, call.input);
    samples.push(performance.now() - started);
  }
  results.push(timed(`${call.name}, right after a change`, percentiles(samples), BUDGET_MS));
}
backend.close();

async function time(method: Method, input: MethodInput<Method>, runs: number) {
  const started = performance.now();
  await api.call(method, input);
  // The options were first asked for above, to find a segment: that call was their first answer.
  firstAnswers.push(method === 'analytics.options' ? optionsFirstMs : performance.now() - started);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await api.call(method, input);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

const report = {
  at: new Date().toISOString(),
  machine: machine(),
  loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  clients: CLIENTS,
  period,
  results,
};
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'analytics.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${table(results)}\n`);
