/**
 * `npm run bench` (data part): the local database at the scale of a large team, measured through the
 * same API the UI calls (JSON in and out, validation included; IPC excluded). Seeds a 100k-client
 * database once and keeps it in the OS temp folder (rapport-bench/), since seeding it takes a minute or
 * two; `--fresh` seeds it again. Prints a table and writes bench/results/data.json.
 *
 *   node bench/data.ts [--clients N] [--fresh]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openBackend } from '../db/backend.ts';
import { DATABASE_FILE } from '../db/paths.ts';
import { encodeCursor } from '../db/cursor.ts';
import { createDirectClient } from '../db/direct-client.ts';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../db/open-database.ts';
import { words } from '../db/seed/names.ts';
import { Random } from '../db/seed/random.ts';
import { type ScaleSeedResult, seedScale } from '../db/seed/scale.ts';
import { type Result, machine, rated, table, time, timed } from './measure.ts';

const { values: flags } = parseArgs({
  options: { clients: { type: 'string', default: '100000' }, fresh: { type: 'boolean', default: false } },
});
const CLIENTS = Number(flags.clients);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1000) throw new Error('--clients must be a whole number >= 1000');

/** Budgets of ARCHITECTURE.md. */
const BUDGET = { searchP95: 30, pageP95: 20, writeP95: 2, seedRowsPerSecond: 50_000 };
const RUNS = 300;
const DAY = 86_400_000;

const benchRoot = join(tmpdir(), 'rapport-bench');
const results: Result[] = [];

async function seeded(dataDir: string, clients: number): Promise<ScaleSeedResult | null> {
  const marker = join(dataDir, 'seeded.json');
  const wanted = JSON.stringify({ clients, schema: LATEST_SCHEMA_VERSION, seed: 1 });
  if (!flags.fresh && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return null;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { sqlite } = await openDatabase({
    file: join(dataDir, DATABASE_FILE),
    backupDir: join(dataDir, 'backups'),
  });
  try {
    process.stderr.write(`Seeding ${String(clients)} clients into ${dataDir} …\n`);
    const result = seedScale(sqlite, {
      clients,
      seed: 1,
      onProgress: (done, total) => {
        if (done % 20_000 === 0 || done === total)
          process.stderr.write(`  ${String(done)}/${String(total)}\n`);
      },
    });
    writeFileSync(marker, wanted);
    return result;
  } finally {
    sqlite.close();
  }
}

function seedRate(result: ScaleSeedResult): number {
  return result.rows / (result.insertSeconds + result.indexSeconds);
}

// --- The seed rate, always measured on a fresh 10k-client database (~310k rows).
{
  const dir = join(benchRoot, 'seed-rate');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { sqlite } = await openDatabase({ file: join(dir, DATABASE_FILE), backupDir: join(dir, 'backups') });
  const result = seedScale(sqlite, { clients: 10_000, seed: 2 });
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  results.push(
    rated(
      'seed --scale 10k: rows/s, with search index',
      seedRate(result),
      'rows/s',
      BUDGET.seedRowsPerSecond,
      `${String(result.rows)} rows in ${(result.insertSeconds + result.indexSeconds).toFixed(1)} s`,
    ),
    rated('seed --scale 10k: rows/s, rows only', result.rows / result.insertSeconds, 'rows/s'),
  );
}

const dataDir = join(benchRoot, `data-${String(CLIENTS)}`);
const seed = await seeded(dataDir, CLIENTS);
if (seed) {
  results.push(
    rated(
      `seed --scale ${String(CLIENTS / 1000)}k: rows/s, with search index`,
      seedRate(seed),
      'rows/s',
      BUDGET.seedRowsPerSecond,
      `${String(seed.rows)} rows in ${(seed.insertSeconds + seed.indexSeconds).toFixed(1)} s`,
    ),
  );
}

const backend = await openBackend({ dataDir, dailyBackups: false });
const api = createDirectClient(backend);
// Read-only access beside the API, to pick realistic inputs (ids, phone numbers, cursors).
const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
const random = new Random(42);

const counts = Object.fromEntries(
  ['client', 'contact', 'interaction', 'followup', 'payment'].map((t) => [
    t,
    (sqlite.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted_at IS NULL`).get() as { n: number }).n,
  ]),
);
process.stderr.write(`Measuring on ${JSON.stringify(counts)}\n`);

const clientIds = (
  sqlite.prepare('SELECT id FROM client WHERE deleted_at IS NULL').all() as { id: string }[]
).map((row) => row.id);
const pickClient = () => random.pick(clientIds);

// --- Search: what people type. Prefixes of names in three scripts, runs of phone digits, emails, words.
const phones = (
  sqlite.prepare('SELECT phones FROM contact WHERE rowid % 997 = 0 LIMIT 300').all() as { phones: string }[]
).flatMap((row) =>
  (JSON.parse(row.phones) as { value: string }[]).map((phone) => phone.value.replace(/\D/g, '')),
);
const emails = (
  sqlite.prepare('SELECT emails FROM contact WHERE rowid % 991 = 0 LIMIT 100').all() as { emails: string }[]
).flatMap((row) => (JSON.parse(row.emails) as { value: string }[]).map((email) => email.value));
const queries: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const w = words[random.pick(['en', 'ru', 'kk'] as const)];
  const kind = i % 6;
  const prefix = (text: string) => text.slice(0, random.int(2, Math.min(6, text.length)));
  if (kind === 0) queries.push(prefix(random.pick(w.firstNames)));
  else if (kind === 1) queries.push(`${random.pick(w.firstNames)} ${prefix(random.pick(w.lastNames))}`);
  else if (kind === 2) queries.push(prefix(random.pick(w.companyStems)));
  else if (kind === 3) {
    const digits = random.pick(phones);
    const start = random.int(0, digits.length - 5);
    queries.push(digits.slice(start, start + random.int(4, 7)));
  } else if (kind === 4) queries.push(prefix(random.pick(emails)));
  else queries.push(prefix(random.pick(w.callSummaries).split(' ')[1] ?? 'call'));
}
results.push(
  timed(
    'search.query (all kinds, 8 per kind)',
    await time(RUNS, (i) =>
      api.call('search.query', { text: queries[i % queries.length] ?? '', limitPerKind: 8 }),
    ),
    BUDGET.searchP95,
    'name prefixes (Latin, Cyrillic, Kazakh), phone digit runs, emails, words',
  ),
);

// --- Client list: first page in each order, a filtered page, and a page deep in the list.
const middle = sqlite
  .prepare(
    'SELECT sort_name, id FROM client WHERE deleted_at IS NULL ORDER BY sort_name, id LIMIT 1 OFFSET ?',
  )
  .get(Math.floor(clientIds.length / 2)) as { sort_name: string; id: string };
const deepCursor = encodeCursor([0, middle.sort_name, middle.id]);
results.push(
  timed(
    'clients.list first page (by name, 50)',
    await time(RUNS, () => api.call('clients.list', { limit: 50 })),
    BUDGET.pageP95,
  ),
  timed(
    'clients.list deep page (middle of 100k)',
    await time(RUNS, () => api.call('clients.list', { limit: 50, after: deepCursor })),
    BUDGET.pageP95,
  ),
  timed(
    'clients.list going quiet (90 days, quietest first)',
    await time(RUNS, () =>
      api.call('clients.list', {
        limit: 50,
        sort: 'lastContact',
        lastContactBefore: new Date(Date.now() - 90 * DAY).toISOString(),
      }),
    ),
    BUDGET.pageP95,
  ),
  timed(
    'clients.list filtered (active, small business, overdue)',
    await time(RUNS, () =>
      api.call('clients.list', {
        limit: 50,
        stage: 'active',
        segment: 'Small business',
        hasOverdueFollowup: true,
      }),
    ),
    BUDGET.pageP95,
  ),
  timed(
    'clients.list filters matching no client (worst case)',
    await time(50, () =>
      api.call('clients.list', {
        limit: 50,
        stage: 'active',
        segment: 'No such segment',
        hasOverdueFollowup: true,
      }),
    ),
    undefined,
    'walks every active client: the price of filters without an index of their own',
  ),
  timed(
    'clients.list by next follow-up',
    await time(RUNS, () => api.call('clients.list', { limit: 50, sort: 'nextFollowup' })),
    BUDGET.pageP95,
  ),
);

// --- A client's timeline, and the follow-ups due today and overdue.
results.push(
  timed(
    'interactions.timeline (a client, 50)',
    await time(RUNS, () => api.call('interactions.timeline', { clientId: pickClient(), limit: 50 })),
    BUDGET.pageP95,
  ),
);
const startOfToday = new Date();
startOfToday.setUTCHours(0, 0, 0, 0);
const startOfTomorrow = new Date(startOfToday.getTime() + DAY);
results.push(
  timed(
    'followups.listDue today (50)',
    await time(RUNS, () =>
      api.call('followups.listDue', {
        from: startOfToday.toISOString(),
        to: startOfTomorrow.toISOString(),
        limit: 50,
      }),
    ),
    BUDGET.pageP95,
  ),
  timed(
    'followups.listDue overdue (50)',
    await time(RUNS, () => api.call('followups.listDue', { to: startOfToday.toISOString(), limit: 50 })),
    BUDGET.pageP95,
  ),
);

// --- Writes, each one API call in its own transaction with its change log, rollups and search index.
results.push(
  timed(
    'clients.update one field (+ change log, index)',
    await time(RUNS, (i) =>
      api.call('clients.update', { id: pickClient(), notes: `Benchmark note ${String(i)}` }),
    ),
    BUDGET.writeP95,
  ),
  timed(
    'interactions.log a call with a next step',
    await time(RUNS, () =>
      api.call('interactions.log', {
        clientId: pickClient(),
        kind: 'call',
        direction: 'outbound',
        outcome: 'reached',
        summary: 'Benchmark call about the delivery',
        nextStep: { dueAt: new Date(Date.now() + 2 * DAY).toISOString() },
      }),
    ),
  ),
);

backend.close();
sqlite.close();

const report = {
  measuredAt: new Date().toISOString(),
  machine: machine(),
  database: { clients: CLIENTS, rows: counts },
  results,
};
const out = resolve(import.meta.dirname, 'results', 'data.json');
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nData benchmarks on ${String(CLIENTS)} clients (${JSON.stringify(counts)})\n\n`);
process.stdout.write(`${table(results)}\n\nWritten to ${out}\n`);
const over = results.filter((r) => r.ok === false);
if (over.length > 0) {
  process.stdout.write(`\n${String(over.length)} over budget: ${over.map((r) => r.name).join('; ')}\n`);
  process.exitCode = 1;
}
