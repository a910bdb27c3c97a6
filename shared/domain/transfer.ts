import { z } from 'zod';
import { Id } from './common.ts';
import { ClientListInput } from './client.ts';
import { ImportMapping, ImportType } from './import-mapping.ts';

/**
 * Import and export as the API takes them (issue 14). Files travel as ids: the UI uploads a file it
 * was given in chunks (`files.upload`), and downloads an export the same way, so neither the renderer
 * nor the browser preview ever hands the backend a path of its own choosing.
 */

export { DateFormat, ImportMapping, ImportType, NumberFormat } from './import-mapping.ts';
export const MatchKey = z.enum(['externalId', 'email', 'phone', 'name']);
export const OnMatch = z.enum(['skip', 'fill', 'overwrite']);

/** A file uploaded to this data folder's staging area, by the id `files.upload` gave it. */
export const FileId = Id;

/** What the user may change about how the file is read after seeing what was detected. */
export const SourceOverrides = z.strictObject({
  encoding: z.string().max(40).optional(),
  delimiter: z.string().min(1).max(1).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  sheet: z.string().max(200).optional(),
});

export const UploadInput = z.strictObject({
  /** The upload to continue; left out for the first chunk. */
  fileId: FileId.optional(),
  name: z.string().trim().min(1).max(255),
  offset: z.number().int().min(0),
  /** The chunk, base64: at most 1 000 000 characters (732 KiB of bytes), within every transport's limit. */
  data: z.base64().max(1_000_000),
  done: z.boolean(),
});
export const UploadResult = z.object({ fileId: FileId, name: z.string(), size: z.number().int() });

export const DownloadInput = z.strictObject({
  fileId: FileId,
  offset: z.number().int().min(0).default(0),
  length: z
    .number()
    .int()
    .min(1)
    .max(8 * 1024 * 1024)
    .default(4 * 1024 * 1024),
});
export const DownloadResult = z.object({
  name: z.string(),
  data: z.string(),
  size: z.number().int(),
  done: z.boolean(),
});

export const InspectInput = z.strictObject({
  fileId: FileId,
  overrides: SourceOverrides.default({}),
  /** What the file holds; guessed from its columns when left out. */
  type: ImportType.optional(),
  /** A mapping to preview with; the automatic (or saved) one when left out. */
  mapping: ImportMapping.optional(),
});

const ProblemOut = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  value: z.string().optional(),
  message: z.string(),
});

export const ImportTarget = z.object({ id: z.string(), labelKey: z.string(), kind: z.string() });

export const InspectResult = z.object({
  fileName: z.string(),
  source: z.object({
    format: z.enum(['delimited', 'xlsx', 'vcard', 'rapport-json']),
    encoding: z.string().nullable(),
    encodingEvidence: z.string().nullable(),
    delimiter: z.string().nullable(),
    headerRow: z.number().int().nullable(),
    sheets: z.array(z.string()),
    sheet: z.string().nullable(),
  }),
  header: z.array(z.string()),
  type: ImportType,
  guessedType: ImportType,
  mapping: ImportMapping,
  /** The name of the saved mapping this file's columns found, if one was used. */
  savedMapping: z.string().nullable(),
  targets: z.array(ImportTarget),
  /** The first rows as the file has them and as they will be imported. */
  preview: z.array(
    z.object({
      row: z.number().int(),
      source: z.record(z.string(), z.string()),
      values: z.record(z.string(), z.unknown()),
      problems: z.array(ProblemOut),
    }),
  ),
});

export const ImportRunInput = z.strictObject({
  fileId: FileId,
  /** Chosen by the caller, so it can cancel the job and follow its `job.progress` events. */
  jobId: Id.optional(),
  overrides: SourceOverrides.default({}),
  mapping: ImportMapping,
  match: z.array(MatchKey).max(4).default(['externalId', 'email', 'phone', 'name']),
  onMatch: OnMatch.default('skip'),
  /** Rows the dry run counted, for the time left. */
  expectedRows: z.number().int().min(0).optional(),
});

const Example = z.object({
  row: z.number().int(),
  name: z.string(),
  by: z.string().optional(),
  sameFileRow: z.number().int().optional(),
});

export const ImportReport = z.object({
  importId: Id.nullable(),
  dryRun: z.boolean(),
  cancelled: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  rejectedRows: z.array(ProblemOut),
  examples: z.object({ created: z.array(Example), updated: z.array(Example), skipped: z.array(Example) }),
  seconds: z.number(),
});

export const CancelJobInput = z.strictObject({ jobId: Id });
export const CancelJobResult = z.object({ cancelled: z.boolean() });

export const RejectedFileResult = z.object({ fileId: FileId, name: z.string(), rows: z.number().int() });

export const ImportRun = z.object({
  id: Id,
  txnId: z.string(),
  fileName: z.string(),
  type: z.string(),
  status: z.enum(['running', 'done', 'cancelled', 'failed', 'undone']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  rejectedRows: z.array(ProblemOut),
  undoable: z.boolean(),
});
export const ImportRunList = z.object({ items: z.array(ImportRun) });

export const SaveMappingInput = z.strictObject({
  header: z.array(z.string().max(500)).min(1).max(2000),
  name: z.string().trim().min(1).max(100),
  mapping: ImportMapping,
});
export const SaveMappingResult = z.object({ fingerprint: z.string(), name: z.string() });

export const ExportType = z.enum(['clients', 'contacts', 'interactions', 'deals', 'payments', 'all']);
export const ExportFormat = z.enum(['csv', 'xlsx', 'vcf', 'json']);

/** The client list's filters, without paging: an export of the list as the user sees it. */
export const ClientListFilter = ClientListInput.omit({ after: true, limit: true });

export const ExportInput = z.strictObject({
  jobId: Id.optional(),
  type: ExportType,
  format: ExportFormat,
  /** Only the clients of the list with these filters (and their records). */
  filter: ClientListFilter.optional(),
  /** Only this client, with its contacts and history. */
  clientId: Id.optional(),
  delimiter: z.enum([',', ';']).default(','),
  vcardVersion: z.enum(['3.0', '4.0']).default('4.0'),
  language: z.enum(['en', 'ru', 'kk']).default('en'),
});
export const ExportResult = z.object({
  fileId: FileId,
  name: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
});

/** One cell of a table shown on screen (an Insights table): text, a number, a flag, or empty. */
const TableCell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** A table as the user sees it, to save as CSV or .xlsx (numbers stay numbers, days stay dates). */
export const ExportTableInput = z
  .strictObject({
    jobId: Id.optional(),
    /** The file's name without extension, and the sheet's. */
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((name) => !/[\\/:*?"<>|\p{Cc}]/u.test(name), 'Use a name without / \\ : * ? " < > |.'),
    columns: z
      .array(z.strictObject({ header: z.string().max(200), kind: z.enum(['text', 'number', 'day']) }))
      .min(1)
      .max(200),
    rows: z.array(z.array(TableCell).max(200)).max(200_000),
    format: z.enum(['csv', 'xlsx']),
    delimiter: z.enum([',', ';']).default(','),
  })
  .refine((table) => table.rows.every((row) => row.length === table.columns.length), {
    message: 'Every row needs one cell per column.',
    path: ['rows'],
  });

/** How far a long job is (`job.progress`). */
export const JobProgress = z.object({
  jobId: z.string(),
  phase: z.enum(['reading', 'writing', 'undoing', 'exporting']),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  rowsPerSecond: z.number(),
  secondsLeft: z.number().nullable(),
});
