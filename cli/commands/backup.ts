import { resolve } from 'node:path';
import { backupToFile } from '../../db/backup-to-file.ts';
import { describeDatabase } from '../../db/inspect-database.ts';
import { defaultDataDir } from '../../db/paths.ts';
import { type Command, UsageError } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the database to a file, checked, even while Rapport is running.',
  usage: '--out FILE [--data-dir DIR] [--force]',
  options: {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    out: 'The backup file to write (its folder is created if needed).',
    force: 'Replace FILE if it already exists.',
  },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError('--out FILE is required: the file to write the backup to.');
    }
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const { database, backup } = await backupToFile({
      dataDir,
      out: values.out,
      force: values.force === true,
    });
    io.stdout.write(`Backed up ${database}\nto ${backup.file}\n`);
    io.stdout.write(`${describeDatabase(backup)}; integrity check ok.\n`);
    return 0;
  },
};
