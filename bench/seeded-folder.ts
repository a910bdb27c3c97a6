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
  if (!fresh && existsSync(marker) && seededBefore(readFileSync(marker, 'utf8'), clients)) {
    // Seeded at an older schema: opening it runs the newer migrations (which backfill what they add),
    // as on a user's laptop, instead of seeding again for ten minutes.
    const { sqlite } = await openDatabase({
      file: join(dataDir, DATABASE_FILE),
      backupDir: join(dataDir, 'backups'),
    });
    sqlite.close();
    writeFileSync(marker, wanted);
    return dataDir;
  }
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

/** Whether a marker says the same seed of as many clients, at this schema or an older one. */
function seededBefore(marker: string, clients: number): boolean {
  try {
    const seeded = JSON.parse(marker) as { clients?: unknown; schema?: unknown; seed?: unknown };
    return (
      seeded.clients === clients &&
      seeded.seed === 1 &&
      typeof seeded.schema === 'number' &&
      seeded.schema <= LATEST_SCHEMA_VERSION
    );
  } catch {
    return false;
  }
}
