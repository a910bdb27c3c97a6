import { resolve } from 'node:path';
import { describeDatabase } from '../../db/inspect-database.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/open-database.ts';
import { defaultDataDir } from '../../db/paths.ts';
import { type RestoreResult, restoreDatabase } from '../../db/restore.ts';
import { type Command, UsageError } from '../command.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the database with a backup file, keeping the replaced one (close Rapport first).',
  usage: '[--data-dir DIR] FILE',
  options: {
    'data-dir': { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('give the backup FILE to restore.');
    if (extra.length > 0) throw new UsageError(`give one backup FILE, not ${positionals.length}.`);
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const result = await restoreDatabase({ dataDir, file });
    io.stdout.write(report(result));
    return 0;
  },
};

function report({ database, restored, replaced }: RestoreResult): string {
  const lines = [`Checked ${restored.file}: ${describeDatabase(restored)}; integrity check ok.`];
  if (replaced === null) lines.push('There was no database to replace.');
  else if (replaced.how === 'copied') lines.push(`Kept the replaced database as ${replaced.file}`);
  else lines.push(`Moved the replaced database, which could not be opened, to ${replaced.file}`);
  lines.push(`Restored it as ${database}`);
  if (restored.schemaVersion < LATEST_SCHEMA_VERSION) {
    lines.push(
      `Rapport will upgrade it from schema ${restored.schemaVersion} to ${LATEST_SCHEMA_VERSION} when it next ` +
        'opens it, after an automatic backup.',
    );
  }
  return `${lines.join('\n')}\n`;
}
