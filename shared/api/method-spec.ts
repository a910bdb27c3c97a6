import type { z } from 'zod';

/** One API method: the schema of its single input object and of its result. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** Reads only: the backend runs it in a read transaction and never records a change. */
  readOnly?: true;
  /**
   * Talks to the sync server: the backend runs it asynchronously, outside any database transaction
   * (it opens its own short ones), so the app stays responsive while the network is slow.
   */
  network?: true;
  /**
   * A long job over files (an import, an export): the backend runs it asynchronously in many short
   * transactions, reporting progress as `job.progress` events, so the app stays usable meanwhile.
   */
  job?: true;
}
