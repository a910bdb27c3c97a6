import { APP_VERSION } from '../version.ts';
import type { Handlers } from './context.ts';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
  }),
} satisfies Pick<Handlers, 'app.info'>;
