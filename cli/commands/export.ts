import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/api/errors.ts';
import { isLanguage } from '../../shared/i18n/index.ts';
import { exportData } from '../../db/export/export-data.ts';
import {
  type ExportWhat,
  csvDelimiters,
  exportFormats,
  exportRefusal,
  exportTypes,
  vcardVersions,
} from '../../db/export/export-request.ts';
import { openDatabase } from '../../db/open-database.ts';
import { DATABASE_FILE, defaultDataDir } from '../../db/paths.ts';
import { createDb } from '../../db/sql.ts';
import { type Command, type OptionValues, UsageError } from '../command.ts';
import { cliLanguage } from '../language.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write clients, contacts or their history to CSV, .xlsx or vCard, or everything to JSON.',
  usage:
    '--type clients|contacts|interactions|deals|payments|followups|all --format csv|xlsx|vcf|json --out FILE\n' +
    '       [--data-dir DIR] [--delimiter ";"] [--lang en|ru|kk] [--vcard-version 3.0|4.0]\n' +
    '       rapport export --client ID --format xlsx|vcf|json --out FILE [--data-dir DIR] [--lang en|ru|kk]',
  options: {
    'data-dir': { type: 'string' },
    type: { type: 'string' },
    client: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    delimiter: { type: 'string' },
    lang: { type: 'string' },
    'vcard-version': { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    type: 'What to export: one list, or all (.xlsx: a sheet each; JSON: the whole database with its history).',
    client: 'Instead of --type: one client (its id) with its contacts and history.',
    format: 'csv (one list, UTF-8 for Excel), xlsx, vcf (contacts) or json (Rapport imports it again).',
    out: 'The file to write; an existing file is replaced once the export is complete.',
    delimiter: 'CSV only: "," (default) or ";" for Excel in countries that write decimals with a comma.',
    lang: 'Language of the headers and sheet names (default: RAPPORT_LANG or the locale).',
    'vcard-version': 'vcf only: 4.0 (default) or 3.0 for older address books.',
  },
  async run(values, _positionals, io) {
    const what = whatOf(values);
    const format = choice(values.format, exportFormats, '--format');
    if (format === undefined) throw new UsageError('--format is required: csv, xlsx, vcf or json.');
    const refusal = exportRefusal(what, format);
    if (refusal !== null) throw new UsageError(refusal);
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError('--out FILE is required: the file to write.');
    }
    const delimiter = choice(values.delimiter, csvDelimiters, '--delimiter');
    if (delimiter !== undefined && format !== 'csv')
      throw new UsageError('--delimiter goes with --format csv.');
    const vcardVersion = choice(values['vcard-version'], vcardVersions, '--vcard-version');
    if (vcardVersion !== undefined && format !== 'vcf')
      throw new UsageError('--vcard-version goes with --format vcf.');
    const language = languageOf(values.lang, io.env ?? process.env);
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) {
      throw new AppError(
        'not_found',
        `There is no Rapport database in ${dataDir}: give the --data-dir of one.`,
      );
    }
    const { sqlite } = await openDatabase({ file, backupDir: join(dataDir, 'backups') });
    try {
      const result = await exportData({
        db: createDb(sqlite),
        what,
        format,
        language,
        out: values.out,
        ...(delimiter === undefined ? {} : { delimiter }),
        ...(vcardVersion === undefined ? {} : { vcardVersion }),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      const noun = format === 'vcf' ? 'contacts' : format === 'json' ? 'records' : 'rows';
      io.stdout.write(
        `Exported ${String(result.rows)} ${noun} to ${result.file} (${sizeOf(result.bytes)}).\n`,
      );
      return 0;
    } finally {
      sqlite.close();
    }
  },
};

function whatOf(values: OptionValues): ExportWhat {
  if (values.client !== undefined) {
    if (values.type !== undefined) throw new UsageError('give --type or --client, not both.');
    if (typeof values.client !== 'string' || values.client === '')
      throw new UsageError('--client needs a client id.');
    return { clientId: values.client };
  }
  const type = choice(values.type, exportTypes, '--type');
  if (type === undefined) throw new UsageError(`--type is required: ${exportTypes.join(', ')}.`);
  return { type };
}

function choice<const T extends string>(
  value: OptionValues[string],
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((option) => option === value);
  if (found === undefined) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${String(value)}'.`);
  }
  return found;
}

function languageOf(value: OptionValues[string], env: NodeJS.ProcessEnv) {
  if (value === undefined) return cliLanguage(env);
  if (typeof value !== 'string' || !isLanguage(value)) {
    throw new UsageError(`--lang must be one of en, ru, kk, not '${String(value)}'.`);
  }
  return value;
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
