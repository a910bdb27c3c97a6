import { AppError } from '../../shared/api/errors.ts';

/**
 * What can be wrong with a file or a row, as a stable code the UI translates and a later import report
 * counts. File-level codes stop the read (thrown as an AppError); row-level ones travel with their row.
 */
export type ImportProblemCode =
  // The whole file
  | 'empty_file'
  | 'unsupported_format'
  | 'not_implemented_format'
  | 'invalid_xlsx'
  | 'archive_too_large'
  | 'sheet_not_found'
  | 'no_header'
  | 'unknown_encoding'
  // One row (or card)
  | 'too_many_fields'
  | 'too_few_fields'
  | 'malformed_row'
  | 'formula_without_value'
  | 'card_not_terminated'
  | 'card_too_large';

/** One problem with one row of a source file; the row is still yielded unless `fatal` says otherwise. */
export interface RowProblem {
  code: ImportProblemCode;
  /** 1-based row of the source (see {@link SourceRow.row}). */
  row: number;
  /** What happened and what the user can do, in English; the UI translates by `code`. */
  message: string;
}

/**
 * One record of a source file, the same shape for every format, so mapping columns to fields is one step.
 * `row` is where the user finds it: the spreadsheet row number of a CSV or xlsx record (the header and any
 * preamble counted, as Excel shows them), or the number of the card in a vCard file.
 */
export interface SourceRow {
  row: number;
  /** 1-based line of the file where the record starts (delimited text and vCard; absent for xlsx). */
  line?: number;
  /** Column name → text, exactly as the file has it (no trimming: normalising is the next step's job). */
  fields: Record<string, string>;
  problems: RowProblem[];
}

/** The file-level refusal: an AppError with code `validation` and the import problem in its details. */
export function importFileError(problem: ImportProblemCode, message: string): AppError {
  return new AppError('validation', message, { importProblem: problem });
}

/** The import problem code of an error thrown by this module, if it is one. */
export function importProblemOf(error: unknown): ImportProblemCode | undefined {
  if (!(error instanceof AppError)) return undefined;
  const code = error.details?.importProblem;
  return typeof code === 'string' ? (code as ImportProblemCode) : undefined;
}

/** Makes header names usable as keys: empty ones become `Column N`, repeated ones get ` (2)`, ` (3)`… */
export function uniqueColumnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const base = raw.trim() === '' ? `Column ${index + 1}` : raw;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
