import { z } from 'zod';
import { TimeZone } from './fields.ts';

/** Facts about the running backend, shown in Settings → About and used by tests. */
export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Load the demo company into an empty database (the first-launch screen offers it). */
export const LoadDemoInput = z.strictObject({
  /** The user's time zone, for the follow-ups due "today"; the machine's when left out. */
  timeZone: TimeZone.optional(),
});
/** Rows added per kind of record. */
export const LoadDemoResult = z.object({ counts: z.record(z.string(), z.number().int()) });
