import { drillClientIds } from '../analytics/drill.ts';
import { AppError } from '../../shared/api/errors.ts';
import { Id } from '../../shared/domain/common.ts';
import { TimeZone } from '../../shared/domain/fields.ts';
import { type Catalog, type Language, type MessageKey, catalogs } from '../../shared/i18n/index.ts';
import type { Db, ReadDb } from '../sql.ts';
import { APP_VERSION } from '../version.ts';
import { momentFormat } from './cell-format.ts';
import type { ClientScope } from './client-scope.ts';
import {
  ClientListFilter,
  type CsvDelimiter,
  type ExportFormat,
  type ExportWhat,
  type SheetKind,
  type VCardVersion,
  exportRefusal,
  sheetKinds,
} from './export-request.ts';
import { type OutputSink, writeFileAtomically } from './output-file.ts';
import { type Progress, progressOf } from './progress.ts';
import { RAPPORT_JSON_FORMAT } from './rapport-json-format.ts';
import { openSnapshot } from './snapshot.ts';
import { type SheetData, sheetColumns } from './sheet-columns.ts';
import { countSheetRows, sheetRows, sheetShape } from './sheet-rows.ts';
import { writeCsv } from './write-csv.ts';
import { countJsonRows, writeRapportJson } from './write-rapport-json.ts';
import { countCards, writeVCards } from './write-vcard.ts';
import { writeXlsx } from './write-xlsx.ts';

export interface ExportOptions {
  /** The database; the export reads a snapshot of its file on a connection of its own (snapshot.ts). */
  db: Db;
  what: ExportWhat;
  format: ExportFormat;
  /** The language of headers and sheet names. */
  language: Language;
  /** The file to write; it appears whole once the export is done (replacing one that is there), or not at all. */
  out: string;
  /** CSV only: `,` (default) or `;` for the Excel of countries that write decimals with a comma. */
  delimiter?: CsvDelimiter;
  /** vCard only: 4.0 (default) or 3.0 for older address books. */
  vcardVersion?: VCardVersion;
  /** The IANA zone moments are shown in (CSV with its offset, .xlsx as local time); default UTC. */
  timeZone?: string;
  /** The present, for the client list's filters relative to now (overdue, going quiet). */
  now?: Date;
  /** Called every thousand rows and at the end. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Aborting stops the export: nothing is left at `out`, and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ExportResult {
  /** The full path of the file written. */
  file: string;
  bytes: number;
  /** Rows, cards or records written. */
  rows: number;
}

/** What an export writes and how many rows that is. */
interface ExportJob {
  total: number;
  write(sink: OutputSink, progress: Progress): Promise<void>;
}

/**
 * Exports what was asked in a format: a list (or all of them, a sheet each) as CSV or .xlsx, contacts as
 * vCard, or everything with its history as Rapport's JSON (importRapportJson reads it back). Streams
 * from a snapshot of the database into a temporary file beside `out`, renamed at the end: memory stays
 * flat whatever the size, and a cancelled or failed export leaves nothing behind.
 */
export async function exportData(options: ExportOptions): Promise<ExportResult> {
  const refusal = exportRefusal(options.what, options.format);
  if (refusal !== null) throw new AppError('validation', refusal, { exportProblem: 'format_cannot_hold' });
  const timeZone = TimeZone.safeParse(options.timeZone ?? 'UTC');
  if (!timeZone.success)
    throw invalid('timeZone', `Rapport does not know the time zone "${options.timeZone}".`);
  const now = options.now ?? new Date();
  let scope = scopeOf(options.what, now);
  options.signal?.throwIfAborted();
  const snapshot = openSnapshot(options.db);
  try {
    // A list drilled down from Insights holds the clients behind that number, as of the snapshot.
    if (scope.kind === 'list' && scope.filter.drill)
      scope = {
        ...scope,
        filter: { ...scope.filter, ids: drillClientIds(snapshot.db, scope.filter.drill, now) },
      };
    if (scope.kind === 'one') requireClient(snapshot.db, scope.clientId);
    const job = jobOf(snapshot.db, options, scope, timeZone.data, now);
    const progress = progressOf(job.total, options.onProgress, options.signal);
    const written = await writeFileAtomically(options.out, (sink) => job.write(sink, progress));
    progress.finish();
    return { ...written, rows: progress.done };
  } finally {
    snapshot.close();
  }
}

function jobOf(
  db: ReadDb,
  options: ExportOptions,
  scope: ClientScope,
  timeZone: string,
  now: Date,
): ExportJob {
  const moments = momentFormat(timeZone);
  switch (options.format) {
    case 'csv': {
      const [sheet] = sheetsOf(db, options, scope);
      if (sheet === undefined) throw new Error('A CSV export has one list');
      const delimiter = options.delimiter ?? ',';
      return {
        total: sheet.count,
        write: (sink, progress) => writeCsv(sink, sheet, { delimiter, moments }, progress),
      };
    }
    case 'xlsx': {
      const sheets = sheetsOf(db, options, scope);
      const total = sheets.reduce((sum, sheet) => sum + sheet.count, 0);
      return { total, write: (sink, progress) => writeXlsx(sink, sheets, { moments }, progress) };
    }
    case 'vcf': {
      const version = options.vcardVersion ?? '4.0';
      return {
        total: countCards(db, scope),
        write: (sink, progress) => writeVCards(sink, db, scope, version, progress),
      };
    }
    case 'json': {
      const header = {
        format: RAPPORT_JSON_FORMAT,
        schemaVersion: (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
        appVersion: APP_VERSION,
        exportedAt: now.toISOString(),
        scope: scope.kind === 'everyone' ? 'all' : scope.kind === 'one' ? 'client' : 'clientList',
      } as const;
      return {
        total: countJsonRows(db, scope),
        write: (sink, progress) => writeRapportJson(sink, db, scope, header, progress),
      };
    }
  }
}

/** The lists of a CSV or .xlsx export: the one asked for, all of them, or the client list. */
function sheetsOf(db: ReadDb, options: ExportOptions, scope: ClientScope): SheetData[] {
  const { what } = options;
  const kinds: readonly SheetKind[] =
    'clientList' in what ? ['clients'] : 'clientId' in what || what.type === 'all' ? sheetKinds : [what.type];
  const catalog: Catalog = catalogs[options.language];
  return kinds.map((kind) => ({
    name: catalog[`export.sheet.${kind}` as MessageKey],
    columns: sheetColumns(kind, catalog, sheetShape(db, kind, scope)),
    rows: sheetRows(db, kind, scope),
    count: countSheetRows(db, kind, scope),
  }));
}

function scopeOf(what: ExportWhat, now: Date): ClientScope {
  if ('type' in what) return { kind: 'everyone' };
  if ('clientId' in what) {
    if (!Id.safeParse(what.clientId).success) throw invalid('clientId', 'Choose a client to export.');
    return { kind: 'one', clientId: what.clientId };
  }
  const filter = ClientListFilter.safeParse(what.clientList);
  if (!filter.success) {
    const issue = filter.error.issues[0];
    throw invalid(`clientList.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'This filter is not valid.');
  }
  return { kind: 'list', filter: { ...filter.data, limit: 1 }, now };
}

function requireClient(db: ReadDb, id: string): void {
  const row = db.prepare('SELECT deleted_at FROM client WHERE id = ?').get(id) as
    { deleted_at: string | null } | undefined;
  if (row === undefined || row.deleted_at !== null)
    throw new AppError('not_found', 'This client does not exist or was deleted.', { id, field: 'clientId' });
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation', message, { issues: [{ path, rule: 'invalid', message }] });
}
