import type { Catalog, MessageKey } from '../i18n/en.ts';
import type { ErrorDetails, ErrorInfo } from './errors.ts';

/**
 * What can be wrong with where the database is kept, each with its own words and its own way out.
 * Damage inside the file and a newer schema are not storage problems: they have messages of their own.
 */
export const storageProblems = [
  /** rapport.db is 0 bytes, but backups show a database lived here: it must not be replaced silently. */
  'empty_database',
  /** The database file exists but cannot be written. */
  'read_only_file',
  /** The data folder cannot be written (SQLite keeps its -wal and -shm files beside the database). */
  'read_only_folder',
  /** Something other than a file (a folder) has the database's name. */
  'not_a_file',
  /** No space is left on the disk of the data folder. */
  'disk_full',
] as const;

/** One of {@link storageProblems}. */
export type StorageProblem = (typeof storageProblems)[number];

/** `opening`: the database cannot be used at all; `writing`: one write failed and the app goes on. */
export type StorageMoment = 'opening' | 'writing';

/** The details of an error caused by storage: enough to say it in any language, and to act on it. */
export interface StorageProblemDetails extends ErrorDetails {
  storage: StorageProblem;
  when: StorageMoment;
  /** The database file. */
  file: string;
  dataDir: string;
  /** The newest backup there is, when restoring it is the way out. */
  newestBackup?: string;
}

/** The storage details of an error, if a storage problem caused it. */
export function storageProblemOf(error: Pick<ErrorInfo, 'details'>): StorageProblemDetails | undefined {
  const details = error.details;
  if (details === undefined) return undefined;
  const { storage, when, file, dataDir, newestBackup } = details;
  if (typeof storage !== 'string' || !(storageProblems as readonly string[]).includes(storage))
    return undefined;
  if ((when !== 'opening' && when !== 'writing') || typeof file !== 'string' || typeof dataDir !== 'string') {
    return undefined;
  }
  return {
    storage: storage as StorageProblem,
    when,
    file,
    dataDir,
    ...(typeof newestBackup === 'string' ? { newestBackup } : {}),
  };
}

const messageKeys = {
  opening: {
    empty_database: 'storage.opening.emptyDatabase',
    read_only_file: 'storage.opening.readOnlyFile',
    read_only_folder: 'storage.opening.readOnlyFolder',
    not_a_file: 'storage.opening.notAFile',
    disk_full: 'storage.opening.diskFull',
  },
  writing: {
    empty_database: 'storage.opening.emptyDatabase',
    read_only_file: 'storage.writing.readOnly',
    read_only_folder: 'storage.writing.readOnly',
    not_a_file: 'storage.opening.notAFile',
    disk_full: 'storage.writing.diskFull',
  },
} as const satisfies Record<StorageMoment, Record<StorageProblem, MessageKey>>;

/** The command that restores `backup` into `dataDir`, quoted for a shell. */
export function restoreCommand(dataDir: string, backup: string): string {
  return `rapport restore --data-dir "${dataDir}" "${backup}"`;
}

/**
 * What went wrong and what to do, in the catalog's language: the same words in the app, on the command
 * line, and (in English) in the error's own message. The command that restores the newest backup is
 * added unless `withCommand` is false (the app offers a button instead).
 */
export function describeStorageProblem(
  details: StorageProblemDetails,
  catalog: Catalog,
  { withCommand = true }: { withCommand?: boolean } = {},
): string {
  const values: Record<string, string> = {
    file: details.file,
    dataDir: details.dataDir,
    backup: details.newestBackup ?? '',
  };
  const text = fill(catalog[messageKeys[details.when][details.storage]], values);
  if (details.newestBackup === undefined || !withCommand) return text;
  const command = restoreCommand(details.dataDir, details.newestBackup);
  return `${text} ${fill(catalog['storage.restoreByCommand'], { command })}`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
