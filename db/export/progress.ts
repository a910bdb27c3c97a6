/** Reports rows done to the caller now and then, and stops the export as soon as it is cancelled. */
export interface Progress {
  /** One more row written; throws the signal's reason once the export is cancelled. */
  row(): void;
  /** Reports the final count. */
  finish(): void;
  readonly done: number;
}

/** Rows between two reports: often enough for a smooth bar, rarely enough to cost nothing. */
const REPORT_EVERY = 1000;

export function progressOf(
  total: number,
  onProgress?: (rowsDone: number, rowsTotal: number) => void,
  signal?: AbortSignal,
): Progress {
  let done = 0;
  return {
    row() {
      signal?.throwIfAborted();
      done++;
      if (done % REPORT_EVERY === 0) onProgress?.(done, Math.max(total, done));
    },
    finish() {
      onProgress?.(done, Math.max(total, done));
    },
    get done() {
      return done;
    },
  };
}
