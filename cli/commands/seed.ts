import { join, resolve } from 'node:path';
import { AppError } from '../../shared/api/errors.ts';
import { openBackend } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import { openDatabase } from '../../db/open-database.ts';
import { defaultDataDir } from '../../db/paths.ts';
import { seedScale } from '../../db/seed/scale.ts';
import { type CliIo, type Command, type OptionValues, UsageError } from '../command.ts';

/** The most clients `--scale` makes: far beyond any real team, still a few minutes. */
const SCALE_MAX = 1_000_000;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Fill an empty database with demo data (--demo) or with N synthetic clients (--scale N).',
  usage: '--demo [--data-dir DIR]\n       rapport seed --scale N [--seed S] [--data-dir DIR]',
  options: {
    'data-dir': { type: 'string' },
    demo: { type: 'boolean' },
    scale: { type: 'string' },
    seed: { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    demo: 'A small company through the API: a team, ~50 clients in English, Russian and Kazakh, twenty months of dealings, sales and service, follow-ups due today and overdue.',
    scale: `N clients with 3 contacts, 20 interactions, 2 follow-ups and 3 payments each on average, deals, service requests and campaign memberships, written in bulk for benchmarks (no change log but the stage history, so not synced; at most ${String(SCALE_MAX)}).`,
    seed: 'With --scale: the random seed (default 1); the same seed makes the same data.',
  },
  async run(values, _positionals, io) {
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    if (values.demo === true && values.scale !== undefined)
      throw new UsageError('give --demo or --scale N, not both.');
    if (values.demo === true) {
      if (values.seed !== undefined) throw new UsageError('--seed goes with --scale.');
      return runDemo(dataDir, io);
    }
    if (typeof values.scale === 'string') return runScale(dataDir, values, io);
    throw new UsageError('give --demo or --scale N.');
  },
};

async function runDemo(dataDir: string, io: CliIo): Promise<number> {
  const backend = await openBackend({ dataDir, dailyBackups: false });
  try {
    const { counts } = await createDirectClient(backend).call('app.loadDemo', {});
    io.stdout.write(`Added demo data to ${join(dataDir, DATABASE_FILE)}:\n${describeCounts(counts)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      throw new AppError('conflict', `${error.message} Use another --data-dir.`);
    }
    throw error;
  } finally {
    backend.close();
  }
}

async function runScale(dataDir: string, values: OptionValues, io: CliIo): Promise<number> {
  const clients = wholeNumber(values.scale, '--scale', 1, SCALE_MAX);
  const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1);
  const file = join(dataDir, DATABASE_FILE);
  const { sqlite } = await openDatabase({ file, backupDir: join(dataDir, 'backups') });
  try {
    const existing = (sqlite.prepare('SELECT count(*) AS n FROM client').get() as { n: number }).n;
    if (existing > 0) {
      throw new AppError(
        'conflict',
        `${file} already has ${String(existing)} clients; --scale only fills an empty database. Use another --data-dir.`,
      );
    }
    let reported = 0;
    const result = seedScale(sqlite, {
      clients,
      seed,
      onProgress(done, total) {
        if (done === total || done - reported >= Math.max(10_000, total / 10)) {
          reported = done;
          io.stderr.write(`  ${String(done)} of ${String(total)} clients\n`);
        }
      },
    });
    const seconds = result.insertSeconds + result.indexSeconds;
    io.stdout.write(
      `Added ${String(result.rows)} rows to ${file} in ${seconds.toFixed(1)} s ` +
        `(${String(Math.round(result.rows / seconds))} rows/s; search index ${result.indexSeconds.toFixed(1)} s):\n` +
        `${describeCounts(result.counts)}\n`,
    );
    return 0;
  } finally {
    sqlite.close();
  }
}

function wholeNumber(value: OptionValues[string], flag: string, min: number, max: number): number {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${String(min)} to ${String(max)}, not '${String(value)}'.`,
    );
  }
  return Number(text);
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `  ${table.padEnd(18)} ${String(n).padStart(9)}`)
    .join('\n');
}
