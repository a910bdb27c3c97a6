import { z } from 'zod';
import { NoInput } from '../../domain/common.ts';
import type { MethodSpec } from '../method-spec.ts';

/** What a restore of the newest backup did. */
export const RestoredBackup = z.object({
  /** The backup that is now the database. */
  restored: z.string(),
  /** Where the file it replaced was kept (in the backups folder). */
  kept: z.string().nullable(),
});
export type RestoredBackup = z.infer<typeof RestoredBackup>;

/** The way out when the database cannot be used (shared/api/storage-problem.ts). */
export const storageMethods = {
  /**
   * Restore the newest backup over an empty rapport.db that Rapport refused to open, keeping the empty
   * file in the backups folder, and open it; `conflict` while the database is open and working.
   */
  'app.restoreNewestBackup': { input: NoInput, output: RestoredBackup },
} as const satisfies Record<string, MethodSpec>;
