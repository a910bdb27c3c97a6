import { ById, NoInput } from '../../domain/common.ts';
import { UndoResult } from '../../domain/history.ts';
import {
  CancelJobInput,
  CancelJobResult,
  DownloadInput,
  DownloadResult,
  ExportInput,
  ExportResult,
  ExportTableInput,
  ImportReport,
  ImportRunInput,
  ImportRunList,
  InspectInput,
  InspectResult,
  RejectedFileResult,
  SaveMappingInput,
  SaveMappingResult,
  UploadInput,
  UploadResult,
} from '../../domain/transfer.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Import and export (files.*, imports.*, exports.*): long jobs beside the everyday calls. */
export const transferMethods = {
  /** Upload a file to import, a chunk at a time; the last chunk says `done`. */
  'files.upload': { input: UploadInput, output: UploadResult, job: true },
  /** Download a made file (an export, rejected rows) a chunk at a time. */
  'files.download': { input: DownloadInput, output: DownloadResult, job: true },
  /**
   * Read the start of an uploaded file: its format, encoding, delimiter and header as detected, what it
   * holds, the mapping of its columns (automatic, or the one saved for these columns) and its first
   * rows as the file has them and as they will be imported.
   */
  'imports.inspect': { input: InspectInput, output: InspectResult, job: true },
  /** Check the whole file and say what an import would create, update, skip and reject; writes nothing. */
  'imports.dryRun': { input: ImportRunInput, output: ImportReport, job: true },
  /** Import the file: one step to take back (`history.undo`, or undo in the list of imports). */
  'imports.run': { input: ImportRunInput, output: ImportReport, job: true },
  /** Stop a dry run or an import; an import stopped leaves nothing of itself behind. */
  'imports.cancel': { input: CancelJobInput, output: CancelJobResult, job: true },
  /** The rejected rows of a file, with its columns and a reason column, as a CSV to fix and import again. */
  'imports.rejectedFile': { input: ImportRunInput, output: RejectedFileResult, job: true },
  /** Past imports on this laptop, newest first, with their counts. */
  'imports.list': { input: NoInput, output: ImportRunList, readOnly: true },
  /** Take back one past import (created records deleted, changed fields restored). */
  'imports.undo': { input: ById, output: UndoResult },
  /** Keep a mapping for files with these columns (next month's export from the same tool). */
  'imports.saveMapping': { input: SaveMappingInput, output: SaveMappingResult },
  /** Export a list, the whole client base or one client to a file, then download it with files.download. */
  'exports.run': { input: ExportInput, output: ExportResult, job: true },
  /** Save a table as the user sees it (an Insights table) as CSV or .xlsx, then download it. */
  'exports.table': { input: ExportTableInput, output: ExportResult, job: true },
} as const satisfies Record<string, MethodSpec>;
