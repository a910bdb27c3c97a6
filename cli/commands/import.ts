import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { basename, resolve } from 'node:path';
import { ImportMapping, ImportType, MatchKey, OnMatch } from '../../shared/domain/transfer.ts';
import { AppError } from '../../shared/api/errors.ts';
import { openBackend } from '../../db/backend.ts';
import { defaultDataDir } from '../../db/paths.ts';
import type { ImportReport } from '../../db/transfer/run-import.ts';
import { type Command, type OptionValues, UsageError } from '../command.ts';

/**
 * `rapport import`: the same import as the app's (db/transfer/service.ts), on a data folder, for scripts
 * and for files too big to bother the UI with. The mapping is the automatic one unless a file says
 * otherwise (the JSON the app saves, or one written by hand: `{"type": …, "columns": [{column, target}]}`).
 */
export const importCommand: Command = {
  name: 'import',
  summary: 'Import clients, contacts or history from a CSV, .xlsx, vCard or Rapport JSON file.',
  usage:
    '--data-dir DIR FILE [--type clients|contacts|interactions|deals|payments|followups] [--mapping MAPPING.json]\n' +
    '       [--match external-id,email,phone,name] [--on-match skip|fill|overwrite] [--dry-run] [--json]',
  options: {
    'data-dir': { type: 'string' },
    type: { type: 'string' },
    mapping: { type: 'string' },
    match: { type: 'string' },
    'on-match': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    sheet: { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    type: 'What each row is (default: guessed from the columns).',
    mapping: 'A JSON file mapping columns to fields (default: mapped from the headers).',
    match: 'What finds existing records, in order (default external-id,email,phone,name).',
    'on-match': 'What a matched row does: skip it, fill empty fields, or overwrite (default skip).',
    'dry-run': 'Check everything and print the counts; write nothing.',
    json: 'Print one JSON object: rows, created, updated, skipped, rejected, rejectedRows.',
    encoding: 'The text encoding, when the detected one is wrong (e.g. windows-1251).',
    delimiter: 'The delimiter of a CSV file, when the detected one is wrong.',
    sheet: 'The sheet of an .xlsx file (default: the first).',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('give the file to import');
    if (extra.length > 0) throw new UsageError(`one file at a time (also given: ${extra.join(' ')})`);
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const path = resolve(file);
    const options = parseOptions(values);
    const backend = await openBackend({ dataDir, dailyBackups: false, sync: false });
    try {
      const overrides = {
        ...(typeof values.encoding === 'string' ? { encoding: values.encoding } : {}),
        ...(typeof values.delimiter === 'string' ? { delimiter: values.delimiter } : {}),
        ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
      };
      const mapping =
        options.mappingFile === undefined
          ? (await backend.transfer.inspect(path, basename(path), { overrides, type: options.type })).mapping
          : await readMapping(options.mappingFile, options.type);
      const report = await backend.transfer.importFile(
        path,
        basename(path),
        { overrides, mapping, match: options.match, onMatch: options.onMatch },
        {
          dryRun: values['dry-run'] === true,
          onProgress: (progress) => {
            if (values.json !== true && progress.phase !== 'undoing')
              io.stderr.write(`\r${String(progress.rowsDone)} rows, ${String(progress.rowsPerSecond)}/s`);
          },
        },
      );
      if (values.json !== true) io.stderr.write('\r');
      io.stdout.write(
        values.json === true ? `${JSON.stringify(jsonReport(report), null, 2)}\n` : describe(report, path),
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};

interface ImportOptions {
  type: z.output<typeof ImportType> | undefined;
  mappingFile: string | undefined;
  match: z.output<typeof MatchKey>[];
  onMatch: z.output<typeof OnMatch>;
}

function parseOptions(values: OptionValues): ImportOptions {
  const type = typeof values.type === 'string' ? values.type : undefined;
  if (type !== undefined && !ImportType.safeParse(type).success)
    throw new UsageError(`--type must be one of ${ImportType.options.join(', ')}`);
  const onMatch = typeof values['on-match'] === 'string' ? values['on-match'] : 'skip';
  if (!OnMatch.safeParse(onMatch).success) throw new UsageError('--on-match must be skip, fill or overwrite');
  const keys =
    typeof values.match === 'string' ? values.match.split(',').map((key) => key.trim()) : undefined;
  const match = (keys ?? ['external-id', 'email', 'phone', 'name'])
    .filter((key) => key !== '')
    .map((key) => {
      const name = key === 'external-id' ? 'externalId' : key;
      if (!MatchKey.safeParse(name).success)
        throw new UsageError(`--match takes external-id, email, phone and name (not ${key})`);
      return name as ImportOptions['match'][number];
    });
  return {
    type: type as ImportOptions['type'],
    mappingFile: typeof values.mapping === 'string' ? resolve(values.mapping) : undefined,
    match,
    onMatch: onMatch as ImportOptions['onMatch'],
  };
}

async function readMapping(
  file: string,
  type: ImportOptions['type'],
): Promise<z.output<typeof ImportMapping>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('validation', `The mapping file ${file} cannot be read as JSON: ${String(error)}`);
  }
  const given = typeof json === 'object' && json !== null && type !== undefined ? { ...json, type } : json;
  const parsed = ImportMapping.safeParse(given);
  if (!parsed.success)
    throw new AppError(
      'validation',
      `The mapping file ${file} is not a mapping: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}

function jsonReport(report: ImportReport) {
  return {
    rows: report.rows,
    created: report.created,
    updated: report.updated,
    skipped: report.skipped,
    rejected: report.rejected,
    rejectedRows: report.rejectedRows.map(({ row, column, code, message }) => ({
      row,
      column,
      reason: message,
      code,
    })),
    dryRun: report.dryRun,
    importId: report.importId,
    seconds: report.seconds,
  };
}

function describe(report: ImportReport, path: string): string {
  const lines = [
    `${report.dryRun ? 'Dry run of' : 'Imported'} ${path}: ${String(report.rows)} rows`,
    `  created  ${String(report.created)}`,
    `  updated  ${String(report.updated)}`,
    `  skipped  ${String(report.skipped)}`,
    `  rejected ${String(report.rejected)}`,
    ...report.rejectedRows
      .slice(0, 20)
      .map((p) => `    row ${String(p.row)}${p.column ? `, ${p.column}` : ''}: ${p.message}`),
  ];
  if (report.rejected > 20) lines.push(`    … and more: use --json for all of them`);
  return `${lines.join('\n')}\n`;
}
