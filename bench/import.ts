/**
 * How fast a whole client base comes in (issue 14): a 100k-row CSV (a client and its primary contact per
 * row, ten columns) imported into a database that already holds 100k clients (a copy of bench/data.ts's
 * seeded one, with their contacts and dealings), matching on email and
 * phone, with the change log and the search index; its dry run; the resident memory; and, as the base of
 * the ratio, the raw insert rate of the same rows (plain INSERTs of the client and contact rows in one
 * transaction, no log, no index) measured in the same run. Then a 1M-row file's dry run: memory and the
 * longest gap between progress events. What is measured runs in a process that holds only the backend
 * (bench/import-in-backend.ts), as in the desktop app, so its resident memory is the backend's, not this
 * script's. Writes bench/results/import.json.
 * `node bench/import.ts [--rows N] [--existing N] [--million N]`.
 */
import { fork } from 'node:child_process';
import {
  closeSync,
  cpSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../db/paths.ts';
import { uuidv7 } from '../shared/ids.ts';
import { capped, cpuSince, machine, rated, table, type Result } from './measure.ts';
import { BACKEND_EXEC_ARGV } from '../db/backend-exec-argv.ts';
import { seededFolder } from './seeded-folder.ts';
import type { ImportRunAnswer, ImportRunAsk } from './import-in-backend.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    existing: { type: 'string', default: '100000' },
    million: { type: 'string', default: '1000000' },
  },
});
const ROWS = Number(values.rows);
const EXISTING = Number(values.existing);
const MILLION = Number(values.million);

const dir = mkdtempSync(join(tmpdir(), 'rapport-import-bench-'));
const header = 'Company,First name,Last name,Email,Phone,City,Industry,Segment,Source,Notes\n';
/**
 * A row's phone: nine in ten a mobile number that can exist (+7 9xx, which the seeded contacts' +7 7xx
 * never repeat), one in ten a number of a plan that cannot (+1 212 000…, no such exchange). An invalid
 * +1 number is libphonenumber's slowest case: it tries every country of the North American plan before
 * giving up (about 22 µs, against 9 for a valid one), so a file of nothing but those measured the
 * library rather than the import.
 */
const phoneOf = (i: number) =>
  i % 10 === 9
    ? `+1 212 ${String(i % 10_000_000).padStart(7, '0')}`
    : `+7 9${String(10 + (i % 90))} ${String(i % 10_000_000).padStart(7, '0')}`;
const line = (i: number) =>
  `"Import Co ${i}, LLP",Name${i},Фамилия${i},new${i}@import.example,${phoneOf(i)},Almaty,Retail,SMB,Fair 2026,"Met at the fair, asked for prices"\n`;

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(header);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += line(i);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/**
 * The measured part and the backend's worker threads, bundled as the desktop app bundles its backend
 * (electron-vite: our modules in one file, the packages of node_modules left outside), so the process
 * measured runs what the app runs. Run as .ts files instead, every module is stripped of its types as it
 * loads, and the stripper's buffers stay in the process: 196–197 against 161 MiB with the backend open
 * and a dry-run peak of 388–418 against 342–373 MiB, in the same time (runs interleaved in one sitting).
 * Written under node_modules/.cache, so the bundle's imports of packages resolve from the project's
 * node_modules.
 */
async function bundledBackend(): Promise<BundledBackend> {
  const { build } = await import('vite');
  const root = join(import.meta.dirname, '..');
  const outDir = join(root, 'node_modules', '.cache', 'rapport-bench-backend');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      rollupOptions: {
        input: {
          'import-in-backend': join(import.meta.dirname, 'import-in-backend.ts'),
          'clv-fit-worker': join(root, 'db', 'analytics', 'clv', 'fit-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
  return {
    entry: join(outDir, 'import-in-backend.js'),
    workers: { fit: join(outDir, 'clv-fit-worker.js') },
  };
}

interface BundledBackend {
  entry: string;
  workers: NonNullable<ImportRunAsk['workers']>;
}

/**
 * Runs the import's measured part in a process holding only the backend (bench/import-in-backend.ts,
 * bundled), as the desktop app runs its backend, so the resident memory measured is the backend's alone.
 */
function inBackend(backend: BundledBackend, ask: ImportRunAsk): Promise<ImportRunAnswer> {
  return new Promise((resolve, reject) => {
    const child = fork(backend.entry, [JSON.stringify({ ...ask, workers: backend.workers })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...BACKEND_EXEC_ARGV],
    });
    let answer: ImportRunAnswer | undefined;
    child.on('message', (message) => (answer = message as ImportRunAnswer));
    child.on('error', reject);
    child.on('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`the import's backend process ended with ${String(code)}`)),
    );
  });
}

/** Writes a file's cached pages to disk. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Plain INSERTs of the same rows (a client and its contact) into a copy of the schema: the ratio's base. */
function rawInsertRate(schemaFrom: string, rows: number): number {
  const file = join(dir, 'raw.db');
  const source = new Database(schemaFrom, { readonly: true });
  const ddl = source
    .prepare(
      `SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('client', 'contact') AND sql IS NOT NULL`,
    )
    .all() as { sql: string }[];
  source.close();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  for (const { sql } of ddl) raw.exec(sql);
  const at = new Date().toISOString();
  const client = raw.prepare(
    `INSERT INTO client (id, name, kind, industry, segment, stage, vip, source, address, notes, created_at, updated_at, hlc, field_clocks, sort_name)
     VALUES (?, ?, 'company', 'Retail', 'SMB', 'prospect', 0, 'Fair 2026', ?, ?, ?, ?, '', '{}', ?)`,
  );
  const contact = raw.prepare(
    `INSERT INTO contact (id, client_id, name, emails, phones, is_primary, created_at, updated_at, hlc, field_clocks, sort_name)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, '', '{}', ?)`,
  );
  const started = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = uuidv7();
      const name = `Import Co ${i}, LLP`;
      client.run(
        id,
        name,
        '{"city":"Almaty"}',
        'Met at the fair, asked for prices',
        at,
        at,
        name.toLowerCase(),
      );
      contact.run(
        uuidv7(),
        id,
        `Name${i} Фамилия${i}`,
        JSON.stringify([{ value: `new${i}@import.example`, label: null }]),
        JSON.stringify([{ value: `+7777${String(i).padStart(7, '0')}`, label: null }]),
        at,
        at,
        `name${i} фамилия${i}`,
      );
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  raw.close();
  return rows / seconds;
}

const results: Result[] = [];
try {
  const dataDir = join(dir, 'data');
  // A copy of the seeded client base bench/data.ts uses (seeded once, kept): the import writes into it.
  cpSync(await seededFolder(EXISTING), dataDir, { recursive: true });
  // The copy is a gigabyte of dirty pages in the OS cache until they are written back (30 s on Linux):
  // the import's first WAL checkpoint, which syncs the database file, would otherwise write them all and
  // stall for one and a half seconds that a database in use for a while never does.
  syncFile(join(dataDir, DATABASE_FILE));
  const csv = join(dir, 'clients.csv');
  await writeCsv(csv, ROWS);

  const rawCpu = process.cpuUsage();
  const rawRate = rawInsertRate(join(dataDir, DATABASE_FILE), ROWS);
  results.push(
    rated(`raw INSERT of the same ${ROWS} rows (base)`, rawRate, 'rows/s', undefined, cpuSince(rawCpu)),
  );

  const backend = await bundledBackend();
  const measured = await inBackend(backend, { dataDir, csv, fileName: 'clients.csv', write: true });
  const { dry, run, undo } = measured;
  if (!run || !undo) throw new Error('the import was not measured');
  results.push(capped(`dry run of ${ROWS} rows: seconds`, dry.seconds, 's', 4, dry.cpu));
  if (run.created !== ROWS) throw new Error(`expected ${ROWS} created, got ${JSON.stringify(run)}`);
  const importRate = ROWS / run.seconds;
  results.push(
    capped(`import of ${ROWS} rows into ${EXISTING} clients: seconds`, run.seconds, 's', 10, run.cpu),
  );
  results.push({
    name: 'import rate ÷ raw insert rate',
    rate: { value: Number((importRate / rawRate).toFixed(3)), unit: '×' },
    budget: { minRate: 0.2 },
    ok: importRate / rawRate >= 0.2,
  });
  results.push(
    capped(
      'peak resident memory of dry run and import',
      Math.max(dry.peakMiB, run.peakMiB),
      'MiB',
      400,
      `dry run ${dry.peakMiB.toFixed(0)} MiB, import ${run.peakMiB.toFixed(0)} MiB; ` +
        `${measured.openMiB.toFixed(0)} MiB with the backend open, before them`,
    ),
  );
  results.push(capped('import: longest gap between progress events', run.longestGapMs, 'ms', 1000));
  results.push({
    name: `history.undo of the ${ROWS}-row import: seconds`,
    rate: { value: Number(undo.seconds.toFixed(2)), unit: 's' },
    ok: null,
    note: undo.cpu,
  });

  if (MILLION > 0) {
    const big = join(dir, 'million.csv');
    await writeCsv(big, MILLION);
    const million = (
      await inBackend(backend, {
        dataDir: join(dir, 'fresh'),
        csv: big,
        fileName: 'million.csv',
        write: false,
      })
    ).dry;
    results.push(
      rated(`dry run of ${MILLION} rows: rows per second`, million.rows / million.seconds, 'rows/s'),
    );
    results.push(capped(`dry run of ${MILLION} rows: peak resident memory`, million.peakMiB, 'MiB', 500));
    results.push(
      capped(
        `dry run of ${MILLION} rows: longest gap between progress events`,
        million.longestGapMs,
        'ms',
        1000,
      ),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const out = join(import.meta.dirname, 'results', 'import.json');
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`,
);
const notes = results.flatMap((r) => (r.note === undefined ? [] : [`${r.name}: ${r.note}`]));
process.stdout.write(`\nImport\n\n${table(results)}\n\n${notes.join('\n')}\n\nWritten to ${out}\n`);
