import { AppError } from '../../shared/api/errors.ts';
import type { Handlers } from './context.ts';

/**
 * While the database is open, there is nothing to restore over: that is done only by the stand-in
 * backend of a database Rapport refused to open (standInBackend in db/backend.ts), or by `rapport restore`.
 */
export const storageHandlers = {
  'app.restoreNewestBackup': () => {
    throw new AppError(
      'conflict',
      'The database is open and working, so Rapport restores nothing over it. To go back to a backup, ' +
        'close Rapport and run `rapport restore`.',
    );
  },
} satisfies Pick<Handlers, 'app.restoreNewestBackup'>;
