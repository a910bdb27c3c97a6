/** The closed set of error codes that may cross any API boundary. */
export const errorCodes = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'unavailable',
  /** The disk is full: the write was not made (storage problems: shared/api/storage-problem.ts). */
  'disk_full',
  /** The database file or its folder cannot be written (permissions, a read-only disk). */
  'read_only',
  'internal',
] as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field, as reported by validation. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `name` or `address.city`; empty for the whole input. */
  path: string;
  /** Machine-readable rule that failed (zod issue code, e.g. `too_small`). */
  rule: string;
  /** Human-readable English message; the UI translates by `rule`. */
  message: string;
}

/** Structured context of an error; `issues` is set for validation errors. */
export interface ErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

/** The transferable shape of an error. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** The one error type of Rapport: a stable code, a message that says what to do next, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The plain object that crosses a process or network boundary. */
  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an AppError from its transferable shape. */
  static fromInfo(info: ErrorInfo): AppError {
    return new AppError(info.code, info.message, info.details);
  }
}
