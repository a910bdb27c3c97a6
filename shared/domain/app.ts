import { z } from 'zod';

/** Facts about the running backend, shown in Settings → About and used by tests. */
export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
