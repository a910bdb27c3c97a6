import { seedDemo } from '../seed/demo.ts';
import { APP_VERSION } from '../version.ts';
import type { Handlers } from './context.ts';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
  }),
  'app.loadDemo': (input, ctx) => ({
    counts: seedDemo(ctx.call, ctx.callAsOf, {
      now: ctx.now(),
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    }),
  }),
} satisfies Pick<Handlers, 'app.info' | 'app.loadDemo'>;
