/**
 * `npm run bench` (export part): the export of ARCHITECTURE.md's budget, 100k clients to CSV in at most
 * 3 s, on the same seeded database as bench/data.ts (kept in the OS temp folder, rapport-bench/, and
 * seeded here if it is not there yet), with how much the process grows while it streams; the .xlsx of
 * the same clients and the vCard of their contacts for comparison. Writes bench/results/export.json.
 *
 *   node bench/export.ts [--clients N] [--fresh]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ExportOptions, exportData } from '../db/export/export-data.ts';
import { DATABASE_FILE } from '../db/paths.ts';
import { openDatabase } from '../db/open-database.ts';
import { createDb } from '../db/sql.ts';
import { seededFolder } from './seeded-folder.ts';
import { type Result, capped, machine, percentiles, rated, table, timed } from './measure.ts';

const { values: flags } = parseArgs({
  options: { clients: { type: 'string', default: '100000' }, fresh: { type: 'boolean', default: false } },
});
const CLIENTS = Number(flags.clients);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1000) throw new Error('--clients must be a whole number >= 1000');
const BUDGET_MS = 3000;
const RUNS = 5;

const dataDir = await seededFolder(CLIENTS, flags.fresh);
const { sqlite } = await openDatabase({
  file: join(dataDir, DATABASE_FILE),
  backupDir: join(dataDir, 'backups'),
});
const db = createDb(sqlite);
const outDir = mkdtempSync(join(tmpdir(), 'rapport-export-bench-'));
const results: Result[] = [];

/** One export: its wall time, rows, bytes, and the growth of resident memory while it ran. */
async function measure(options: Omit<ExportOptions, 'db' | 'language' | 'out'>, name: string) {
  const out = join(outDir, name);
  const before = process.memoryUsage().rss;
  let peak = before;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await exportData({
    db,
    language: 'en',
    out,
    ...options,
    onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  rmSync(out, { force: true });
  const cpuMs = (used.user + used.system) / 1000;
  return { ms, cpuMs, rows: result.rows, bytes: result.bytes, growthMiB: (peak - before) / 2 ** 20 };
}

try {
  const csv: Awaited<ReturnType<typeof measure>>[] = [];
  // The first export of a process also warms the OS's cache of the file and the JIT: not measured.
  await measure({ what: { type: 'clients' }, format: 'csv' }, 'warm-up.csv');
  for (let run = 0; run < RUNS; run++)
    csv.push(await measure({ what: { type: 'clients' }, format: 'csv' }, 'clients.csv'));
  const first = csv[0];
  // On a shared machine wall time also counts the others' work: the process's own CPU time is beside it.
  const cpuMs = percentiles(csv.map((run) => run.cpuMs)).p50;
  const note = first
    ? `${String(first.rows)} rows, ${(first.bytes / 2 ** 20).toFixed(1)} MiB; CPU time p50 ${String(Math.round(cpuMs))} ms; load ${loadavg()[0]?.toFixed(1) ?? '?'} on ${String(cpus().length)} cores`
    : undefined;
  results.push(
    timed(`CSV of ${String(CLIENTS)} clients`, percentiles(csv.map((run) => run.ms)), BUDGET_MS, note),
  );
  results.push(
    capped(
      'CSV export: RSS growth while streaming',
      Math.max(...csv.map((run) => run.growthMiB)),
      'MiB',
      150,
      "64 MiB of it is the export connection's page cache, a fixed size",
    ),
  );
  const xlsx = await measure({ what: { type: 'clients' }, format: 'xlsx' }, 'clients.xlsx');
  results.push(
    rated(`.xlsx of ${String(CLIENTS)} clients: rows per second`, xlsx.rows / (xlsx.ms / 1000), 'rows/s'),
  );
  const vcf = await measure({ what: { type: 'contacts' }, format: 'vcf' }, 'contacts.vcf');
  results.push(
    rated(`vCard of ${String(vcf.rows)} contacts: cards per second`, vcf.rows / (vcf.ms / 1000), 'cards/s'),
  );
} finally {
  sqlite.close();
  rmSync(outDir, { recursive: true, force: true });
}

const out = join(import.meta.dirname, 'results', 'export.json');
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`,
);
process.stdout.write(`\nExport\n\n${table(results)}\n\nWritten to ${out}\n`);
