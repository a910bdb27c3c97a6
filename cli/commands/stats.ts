import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../../db/paths.ts';
import { defaultDataDir } from '../../db/paths.ts';
import { type DatabaseStats, databaseStats } from '../../db/stats.ts';
import type { Command } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Count the rows of every entity, live and deleted, and the change log (safe while Rapport runs).',
  usage: '[--data-dir DIR] [--json]',
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    json: 'Print JSON for scripts instead of a table.',
  },
  run(values, _positionals, io) {
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const stats = databaseStats(join(dataDir, DATABASE_FILE));
    io.stdout.write(values.json === true ? `${JSON.stringify(stats, null, 2)}\n` : table(stats));
    return Promise.resolve(0);
  },
};

function table(stats: DatabaseStats): string {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const lines = [
    `${stats.file} (schema ${String(stats.schemaVersion)}, ${mib(stats.bytes)}, write-ahead log ${mib(stats.walBytes)})`,
    '',
    `  ${'entity'.padEnd(18)} ${'live'.padStart(9)} ${'deleted'.padStart(9)}`,
    ...Object.entries(stats.entities).map(
      ([table, n]) => `  ${table.padEnd(18)} ${String(n.live).padStart(9)} ${String(n.deleted).padStart(9)}`,
    ),
    '',
    `  change log rows    ${String(stats.changeLog).padStart(9)}`,
    ...Object.entries(stats.searchDocuments).map(
      ([kind, n]) => `  ${`search: ${kind}`.padEnd(18)} ${String(n).padStart(9)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
