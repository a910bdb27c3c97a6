import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { type JobMethod, type MethodOutput, contract } from '../../shared/api/contract.ts';
import { type Envelope, fail, ok } from '../../shared/api/envelope.ts';
import { AppError } from '../../shared/api/errors.ts';
import type { BackendEvent } from '../../shared/api/events.ts';
import type {
  DownloadInput,
  ExportInput,
  ExportTableInput,
  ImportRunInput,
  InspectInput,
  UploadInput,
} from '../../shared/domain/transfer.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { type DispatcherOptions, readContext } from '../dispatch.ts';
import { exportData } from '../export/export-data.ts';
import { exportTable } from '../export/write-table.ts';
import { parseMethodInput } from '../parse-method-input.ts';
import { storageErrorOf } from '../storage-errors.ts';
import { type DetectedSource, type SourceOverrides, detectSource } from '../import/detect.ts';
import { type ImportProgress, type ImportReport, runImport, takeBack } from './run-import.ts';
import { finishRun, interruptedRuns, startRun } from '../records/import-runs.ts';
import { checkFile, importRapportJson } from '../export/import-rapport-json.ts';
import { readRapportJson } from '../export/read-rapport-json.ts';
import { createRecordWriter } from '../records/record-writer.ts';
import type { MatchKey } from './match-index.ts';
import type { OnMatch } from './import-row.ts';
import type { ImportMapping, ImportType, MappedRow } from '../import/mapped-row.ts';
import {
  autoMap,
  guessImportType,
  importTargets,
  mapRow,
  mappingFingerprint,
  mappingForHeader,
} from '../import/mapping/index.ts';
import { readSource } from '../import/read-source.ts';
import type { SourceRow } from '../import/source-row.ts';

/** How an import reads and writes a file: what the user confirmed after the preview. */
export interface ImportSettings {
  overrides: SourceOverrides;
  mapping: ImportMapping;
  match: readonly MatchKey[];
  onMatch: OnMatch;
  expectedRows?: number | undefined;
}

export interface TransferServiceOptions {
  dispatch: DispatcherOptions;
  dataDir: string;
  publish(event: BackendEvent): void;
}

/** Rows shown in the preview of a file. */
const PREVIEW_ROWS = 20;

/**
 * Imports and exports: long jobs over files, run beside the everyday calls (db/transfer/run-import.ts writes in
 * short transactions), with progress events and cancel. The UI reaches them through job methods with
 * uploaded files' ids; the CLI calls the same functions with paths.
 */
export class TransferService {
  readonly #options: TransferServiceOptions;
  readonly #jobs = new Map<string, AbortController>();
  #importing = false;

  constructor(options: TransferServiceOptions) {
    this.#options = options;
  }

  /** The folder uploads and made files are kept in, inside the data folder. */
  get stagingDir(): string {
    return join(this.#options.dataDir, 'transfer');
  }

  async handle(method: JobMethod, rawInput: unknown): Promise<Envelope<unknown>> {
    const parsed = parseMethodInput(method, rawInput);
    if (!parsed.ok) return fail(parsed.error.toInfo());
    try {
      const value = await this.#run(method, parsed.input);
      const output = (contract[method].output as z.ZodType).safeParse(value);
      if (!output.success)
        throw new Error(`Output of ${method} does not match the contract: ${output.error.message}`);
      return ok(output.data);
    } catch (error) {
      if (error instanceof AppError) return fail(error.toInfo());
      const storage = storageErrorOf(error, 'writing', {
        file: this.#options.dispatch.context.db.sqlite.name,
        dataDir: this.#options.dataDir,
      });
      if (storage !== null) return fail(storage.toInfo());
      this.#options.dispatch.logger.error('job failed unexpectedly', {
        method,
        stack: error instanceof Error ? error.stack : String(error),
      });
      return fail({
        code: 'internal',
        message: 'Something went wrong inside Rapport and nothing of this file was saved. Try again.',
      });
    }
  }

  async #run(method: JobMethod, input: unknown): Promise<unknown> {
    switch (method) {
      case 'files.upload':
        return this.upload(input as z.output<typeof UploadInput>);
      case 'files.download':
        return this.download(input as z.output<typeof DownloadInput>);
      case 'imports.inspect': {
        const given = input as z.output<typeof InspectInput>;
        const file = await this.#uploaded(given.fileId);
        return this.inspect(file.path, file.name, given);
      }
      case 'imports.dryRun':
      case 'imports.run': {
        const given = input as z.output<typeof ImportRunInput>;
        const file = await this.#uploaded(given.fileId);
        return this.importFile(file.path, file.name, given, {
          dryRun: method === 'imports.dryRun',
          jobId: given.jobId,
        });
      }
      case 'imports.rejectedFile': {
        const given = input as z.output<typeof ImportRunInput>;
        const file = await this.#uploaded(given.fileId);
        const fileId = uuidv7();
        const name = `${stem(file.name)} - rejected rows.csv`;
        await mkdir(join(this.stagingDir, fileId), { recursive: true });
        const rows = await this.rejectedFile(file.path, given, join(this.stagingDir, fileId, name));
        return { fileId, name, rows };
      }
      case 'imports.cancel': {
        const { jobId } = input as { jobId: string };
        const job = this.#jobs.get(jobId);
        job?.abort();
        return { cancelled: job !== undefined };
      }
      case 'exports.table': {
        const given = input as z.output<typeof ExportTableInput>;
        const fileId = uuidv7();
        const name = `${given.name}.${given.format}`;
        await mkdir(join(this.stagingDir, fileId), { recursive: true });
        const result = await exportTable(given, join(this.stagingDir, fileId, name));
        return { fileId, name, rows: result.rows, bytes: result.bytes };
      }
      case 'exports.run': {
        const given = input as z.output<typeof ExportInput>;
        const fileId = uuidv7();
        const name = exportName(given);
        await mkdir(join(this.stagingDir, fileId), { recursive: true });
        const result = await this.exportFile(join(this.stagingDir, fileId, name), given, given.jobId);
        return { fileId, name, rows: result.rows, bytes: result.bytes };
      }
    }
  }

  // --- Files the UI hands over and takes away, a chunk at a time.

  async upload(input: z.output<typeof UploadInput>): Promise<MethodOutput<'files.upload'>> {
    const fileId = input.fileId ?? uuidv7();
    const folder = join(this.stagingDir, fileId);
    const name = safeName(input.name);
    if (input.fileId === undefined) {
      await mkdir(folder, { recursive: true });
      // Staged files of earlier days are not kept: an upload is used within minutes.
      await this.#forgetOldFiles(fileId);
    }
    const path = join(folder, name);
    const bytes = Buffer.from(input.data, 'base64');
    const handle = await open(path, input.fileId === undefined ? 'w' : 'r+').catch((error: unknown) => {
      if (input.fileId !== undefined)
        throw new AppError('not_found', 'This upload is not known any more; upload the file again.');
      throw error;
    });
    try {
      await handle.write(bytes, 0, bytes.length, input.offset);
      const { size } = await handle.stat();
      return { fileId, name, size };
    } finally {
      await handle.close();
    }
  }

  async download(input: z.output<typeof DownloadInput>): Promise<MethodOutput<'files.download'>> {
    const file = await this.#uploaded(input.fileId);
    const handle = await open(file.path, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.max(0, Math.min(input.length, size - input.offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, input.offset);
      return {
        name: file.name,
        data: buffer.subarray(0, bytesRead).toString('base64'),
        size,
        done: input.offset + bytesRead >= size,
      };
    } finally {
      await handle.close();
    }
  }

  async #uploaded(fileId: string): Promise<{ path: string; name: string }> {
    const folder = join(this.stagingDir, fileId);
    const names = await readdir(folder).catch(() => []);
    const name = names.find((entry) => !entry.endsWith('.part'));
    if (name === undefined)
      throw new AppError('not_found', 'This file is not known any more; choose it again.', { fileId });
    return { path: join(folder, name), name };
  }

  async #forgetOldFiles(keep: string): Promise<void> {
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    for (const entry of await readdir(this.stagingDir).catch(() => [])) {
      if (entry === keep) continue;
      const info = await stat(join(this.stagingDir, entry)).catch(() => undefined);
      if (info && info.mtimeMs < dayAgo)
        await rm(join(this.stagingDir, entry), { recursive: true, force: true });
    }
  }

  // --- Import.

  /** What the file is and how its first rows will be imported (nothing is written). */
  async inspect(
    path: string,
    fileName: string,
    given: {
      overrides?: SourceOverrides;
      type?: ImportType | undefined;
      mapping?: ImportMapping | undefined;
    },
  ): Promise<MethodOutput<'imports.inspect'>> {
    const detected = await detectSource(path, given.overrides ?? {});
    if (detected.format === 'rapport-json') {
      // A whole database comes back as it was exported: nothing to map.
      const emptyMapping: ImportMapping = {
        type: 'clients',
        columns: [],
        splitFullName: false,
        defaultCountry: null,
        defaultCurrency: null,
      };
      return {
        fileName,
        source: sourceOf(detected),
        header: [],
        type: 'clients',
        guessedType: 'clients',
        mapping: emptyMapping,
        savedMapping: null,
        targets: [],
        preview: [],
      };
    }
    const rows: SourceRow[] = [];
    for await (const row of readSource(path, detected)) {
      rows.push(row);
      if (rows.length >= PREVIEW_ROWS) break;
    }
    const header = headerOf(detected, rows);
    const guessedType = guessImportType(header);
    const type = given.mapping?.type ?? given.type ?? guessedType;
    const saved = given.mapping ? undefined : this.#savedMapping(header, type);
    const mapping: ImportMapping = given.mapping ??
      saved?.mapping ?? {
        type,
        columns: autoMap(header, type, rows),
        splitFullName: true,
        defaultCountry: null,
        defaultCurrency: null,
      };
    return {
      fileName,
      source: sourceOf(detected),
      header,
      type,
      guessedType,
      mapping,
      savedMapping: saved?.name ?? null,
      targets: importTargets(type).map((target) => ({
        id: target.id,
        labelKey: target.labelKey,
        kind: target.kind,
      })),
      preview: rows.map((row) => {
        const mapped = mapRow(row, mapping);
        return { row: row.row, source: row.fields, values: previewValues(mapped), problems: mapped.problems };
      }),
    };
  }

  /** Imports a file, or checks it (`dryRun`); one import writes at a time. */
  async importFile(
    path: string,
    fileName: string,
    settings: ImportSettings,
    job: {
      dryRun: boolean;
      jobId?: string | undefined;
      onProgress?: (progress: ImportProgress) => void;
      /** Every row through the handlers one by one (see RunImportOptions.perRow). */
      perRow?: boolean;
    },
  ): Promise<ImportReport> {
    if (!job.dryRun && this.#importing)
      throw new AppError('conflict', 'Another import is running; wait for it to finish or cancel it.');
    const detected = await detectSource(path, settings.overrides);
    if (detected.format === 'rapport-json') return this.#importRapportJson(path, fileName, job);
    const controller = new AbortController();
    const jobId = job.jobId ?? uuidv7();
    this.#jobs.set(jobId, controller);
    if (!job.dryRun) this.#importing = true;
    try {
      return await runImport(this.#options.dispatch, {
        rows: mappedRows(path, detected, settings.mapping),
        fileName: basename(fileName),
        type: settings.mapping.type,
        match: settings.match,
        onMatch: settings.onMatch,
        dryRun: job.dryRun,
        ...(job.perRow === undefined ? {} : { perRow: job.perRow }),
        signal: controller.signal,
        ...(settings.expectedRows === undefined ? {} : { expectedRows: settings.expectedRows }),
        onProgress: (progress) => {
          job.onProgress?.(progress);
          this.#options.publish({ event: 'job.progress', payload: { jobId, ...progress } });
        },
        settings: {
          overrides: settings.overrides,
          mapping: settings.mapping,
          match: settings.match,
          onMatch: settings.onMatch,
        },
      });
    } finally {
      this.#jobs.delete(jobId);
      if (!job.dryRun) {
        this.#importing = false;
        this.#options.publish({ event: 'data.changed', payload: { entity: 'importRun', ids: [] } });
      }
    }
  }

  /**
   * A Rapport JSON export comes back whole: every record keeps its id and fields (db/export), as one
   * import in the list, one step to take back. Its dry run checks every record and counts what is new.
   */
  async #importRapportJson(
    path: string,
    fileName: string,
    job: { dryRun: boolean; jobId?: string | undefined; onProgress?: (progress: ImportProgress) => void },
  ): Promise<ImportReport> {
    const started = Date.now();
    const { db, now } = this.#options.dispatch.context;
    const checked = await checkFile(path, undefined);
    const report = (created: number, skipped: number, importId: string | null): ImportReport => ({
      importId,
      dryRun: job.dryRun,
      cancelled: false,
      rows: created + skipped,
      created,
      updated: 0,
      skipped,
      rejected: 0,
      rejectedRows: [],
      examples: { created: [], updated: [], skipped: [] },
      seconds: (Date.now() - started) / 1000,
    });
    if (job.dryRun) {
      let existing = 0;
      for await (const item of readRapportJson(path)) {
        if (item.kind !== 'record') continue;
        const id = (item.value as { id?: unknown }).id;
        if (typeof id === 'string' && db.prepare(`SELECT 1 FROM "${item.table}" WHERE id = ?`).get(id))
          existing++;
      }
      return report(checked.records - existing, existing, null);
    }
    if (this.#importing)
      throw new AppError('conflict', 'Another import is running; wait for it to finish or cancel it.');
    this.#importing = true;
    const controller = new AbortController();
    const jobId = job.jobId ?? uuidv7();
    this.#jobs.set(jobId, controller);
    const importId = uuidv7();
    const txnId = uuidv7();
    startRun(db, {
      id: importId,
      txnId,
      fileName: basename(fileName),
      type: 'all',
      startedAt: now().toISOString(),
      options: {},
    });
    try {
      const writer = createRecordWriter({
        db,
        now,
        clock: this.#options.dispatch.context.clock,
        actor: this.#options.dispatch.context.actor,
        origin: 'local',
        txnId,
      });
      const result = await importRapportJson({
        db,
        writer,
        path,
        signal: controller.signal,
        onProgress: (rowsDone, rowsTotal) =>
          this.#options.publish({
            event: 'job.progress',
            payload: { jobId, phase: 'writing', rowsDone, rowsTotal, rowsPerSecond: 0, secondsLeft: null },
          }),
      });
      const created = Object.values(result.created).reduce((sum, n) => sum + n, 0);
      const skipped = Object.values(result.skipped).reduce((sum, n) => sum + n, 0);
      const counts = { rows: created + skipped, created, updated: 0, skipped, rejected: 0 };
      finishRun(db, importId, 'done', counts, [], now().toISOString());
      for (const table of Object.keys(result.created))
        this.#options.publish({ event: 'data.changed', payload: { entity: table, ids: [] } });
      return report(created, skipped, importId);
    } catch (error) {
      const cancelled = controller.signal.aborted;
      finishRun(
        db,
        importId,
        cancelled ? 'cancelled' : 'failed',
        { rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0 },
        [],
        now().toISOString(),
      );
      if (cancelled) return { ...report(0, 0, importId), cancelled: true };
      throw error;
    } finally {
      this.#jobs.delete(jobId);
      this.#importing = false;
      this.#options.publish({ event: 'data.changed', payload: { entity: 'importRun', ids: [] } });
    }
  }

  /**
   * Writes the rows an import would reject to `out`: the file's own columns and a Reason column (the
   * column and what is wrong), so the user can fix them and import that file again. Returns the rows.
   */
  async rejectedFile(path: string, settings: ImportSettings, out: string): Promise<number> {
    const detected = await detectSource(path, settings.overrides);
    const file = createWriteStream(out);
    let header: string[] | undefined;
    let written = 0;
    await runImport(this.#options.dispatch, {
      rows: mappedRows(path, detected, settings.mapping),
      fileName: basename(path),
      type: settings.mapping.type,
      match: settings.match,
      onMatch: settings.onMatch,
      dryRun: true,
      settings: {},
      onOutcome: (mapped, outcome) => {
        if (outcome.kind !== 'rejected') return;
        if (header === undefined) {
          header = Object.keys(mapped.source);
          file.write(`\ufeff${stringify([[...header, 'Reason']])}`);
        }
        const reason = outcome.problems
          .map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message))
          .join('; ');
        file.write(stringify([[...header.map((column) => mapped.source[column] ?? ''), reason]]));
        written++;
      },
    });
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return written;
  }

  async exportFile(
    out: string,
    given: z.output<typeof ExportInput>,
    jobId: string | undefined,
  ): Promise<{ rows: number; bytes: number }> {
    const controller = new AbortController();
    const id = jobId ?? uuidv7();
    this.#jobs.set(id, controller);
    try {
      const what = given.clientId
        ? { clientId: given.clientId }
        : given.filter
          ? { clientList: given.filter }
          : { type: given.type };
      const result = await exportData({
        db: this.#options.dispatch.context.db,
        what,
        format: given.format,
        language: given.language,
        out,
        delimiter: given.delimiter,
        vcardVersion: given.vcardVersion,
        now: this.#options.dispatch.context.now(),
        signal: controller.signal,
        onProgress: (rowsDone, rowsTotal) =>
          this.#options.publish({
            event: 'job.progress',
            payload: {
              jobId: id,
              phase: 'exporting',
              rowsDone,
              rowsTotal,
              rowsPerSecond: 0,
              secondsLeft: null,
            },
          }),
      });
      return { rows: result.rows, bytes: result.bytes };
    } finally {
      this.#jobs.delete(id);
    }
  }

  /** Takes back imports a crash or a closed app cut short, before anything syncs. */
  async takeBackInterrupted(): Promise<void> {
    const { db, now } = this.#options.dispatch.context;
    for (const run of interruptedRuns(db)) {
      await takeBack(this.#options.dispatch, run.txnId);
      finishRun(
        db,
        run.id,
        'failed',
        { rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0 },
        [],
        now().toISOString(),
      );
    }
  }

  #savedMapping(header: string[], type: ImportType): { name: string; mapping: ImportMapping } | undefined {
    const { db } = readContext(this.#options.dispatch.context);
    const row = db.first(
      db.q
        .selectFrom('import_mapping')
        .select(['name', 'mapping'])
        .where('fingerprint', '=', mappingFingerprint(header)),
    );
    if (!row) return undefined;
    const mapping = JSON.parse(row.mapping) as ImportMapping;
    return mapping.type === type ? { name: row.name, mapping: mappingForHeader(mapping, header) } : undefined;
  }

  /** Stops every running job (the app is closing: an import cut short is taken back at the next start). */
  stop(): void {
    for (const job of this.#jobs.values()) job.abort();
  }
}

/** The file's rows, mapped, one at a time. */
async function* mappedRows(
  path: string,
  detected: DetectedSource,
  mapping: ImportMapping,
  onSource?: (row: SourceRow) => void,
): AsyncGenerator<MappedRow> {
  for await (const row of readSource(path, detected)) {
    onSource?.(row);
    yield mapRow(row, mapping);
  }
}

function headerOf(detected: DetectedSource, rows: readonly SourceRow[]): string[] {
  if (detected.format === 'delimited' || detected.format === 'xlsx') return detected.header;
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row.fields)) columns.add(column);
  return [...columns];
}

function sourceOf(detected: DetectedSource): MethodOutput<'imports.inspect'>['source'] {
  return {
    format: detected.format,
    encoding: 'encoding' in detected ? detected.encoding : null,
    encodingEvidence: 'encodingEvidence' in detected ? detected.encodingEvidence : null,
    delimiter: detected.format === 'delimited' ? detected.delimiter : null,
    headerRow: detected.format === 'delimited' || detected.format === 'xlsx' ? detected.headerRow : null,
    sheets: detected.format === 'xlsx' ? detected.sheets : [],
    sheet: detected.format === 'xlsx' ? detected.sheet : null,
  };
}

/** A mapped row's values by target path, for the preview table (`client.name` → "Altyn Foods"). */
function previewValues(mapped: MappedRow): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const put = (prefix: string, fields: Record<string, unknown> | undefined) => {
    for (const [field, value] of Object.entries(fields ?? {})) values[`${prefix}.${field}`] = value;
  };
  put('client', mapped.client?.values);
  if (mapped.client?.externalId) values['client.externalId'] = mapped.client.externalId;
  if (mapped.client && mapped.client.tags.length > 0) values['client.tags'] = mapped.client.tags;
  put('contact', mapped.contact?.values);
  if (mapped.record) put(mapped.record.entity, mapped.record.values);
  return values;
}

/** A file name as given, without folders or characters a file system refuses. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what a file name may not hold
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned === '' || cleaned.endsWith('.part') ? 'file' : cleaned;
}

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function exportName(given: z.output<typeof ExportInput>): string {
  const extension = given.format === 'vcf' ? 'vcf' : given.format;
  const day = new Date().toISOString().slice(0, 10);
  return `Rapport ${given.type} ${day}.${extension}`;
}
