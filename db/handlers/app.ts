import { defaultAnalyticsSettings } from '../../shared/domain/analytics.ts';
import { readAnalyticsSettings, writeAnalyticsSettings } from '../analytics/settings.ts';
import { DEMO_COSTS, seedDemo } from '../seed/demo.ts';
import { APP_VERSION } from '../version.ts';
import type { Handlers } from './context.ts';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
  }),
  'app.loadDemo': (input, ctx) => {
    const counts = seedDemo(ctx.call, ctx.callAsOf, {
      now: ctx.now(),
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    });
    // The cost to serve prices the demo's hours of calls and its service requests: with no costs set
    // (this laptop's Insights settings as they come), every client's would be nothing, and the clients
    // the demo makes unprofitable by their service load would not show. Costs someone set are kept.
    const settings = readAnalyticsSettings(ctx.db);
    const costsUnset = (['costCurrency', 'hourlyCost', 'serviceRequestCost'] as const).every(
      (key) => settings[key] === defaultAnalyticsSettings[key],
    );
    if (costsUnset) {
      writeAnalyticsSettings(ctx.db, DEMO_COSTS);
      ctx.emit('data.changed', { entity: 'analyticsSettings', ids: [] });
    }
    return { counts };
  },
} satisfies Pick<Handlers, 'app.info' | 'app.loadDemo'>;
