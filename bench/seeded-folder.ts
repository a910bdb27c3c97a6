import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../db/paths.ts';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../db/open-database.ts';
import { seedScale } from '../db/seed/scale.ts';

/**
 * The data folder of bench/data.ts's seeded database of `clients` clients (kept in the OS temp folder,
 * rapport-bench/, with the same marker), seeded here when missing, stale or `fresh` is asked.
 */
export async function seededFolder(clients: number, fresh = false): Promise<string> {
  const dataDir = join(tmpdir(), 'rapport-bench', `data-${String(clients)}`);
  const marker = join(dataDir, 'seeded.json');
  const wanted = JSON.stringify({ clients, schema: LATEST_SCHEMA_VERSION, seed: 1 });
  if (!fresh && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { sqlite } = await openDatabase({
    file: join(dataDir, DATABASE_FILE),
    backupDir: join(dataDir, 'backups'),
  });
  try {
    process.stderr.write(`Seeding ${String(clients)} clients into ${dataDir} …\n`);
    seedScale(sqlite, { clients, seed: 1 });
    writeFileSync(marker, wanted);
  } finally {
    sqlite.close();
  }
  return dataDir;
}
