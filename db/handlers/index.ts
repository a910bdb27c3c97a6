import { analyticsHandlers } from './analytics.ts';
import { analyticsMoneyHandlers } from './analytics-money.ts';
import { analyticsSalesHandlers } from './analytics-sales.ts';
import { analyticsSegmentHandlers } from './analytics-segments.ts';
import { analyticsLifetimeHandlers } from './analytics-lifetime.ts';
import { appHandlers } from './app.ts';
import { clientHandlers } from './clients.ts';
import { contactHandlers } from './contacts.ts';
import type { Handlers } from './context.ts';
import { dealHandlers } from './deals.ts';
import { historyHandlers } from './history.ts';
import { importHandlers } from './imports.ts';
import { interactionHandlers } from './interactions.ts';
import { reminderHandlers } from './reminders.ts';
import { searchHandlers } from './search.ts';
import { storageHandlers } from './storage.ts';
import { syncHandlers } from './sync.ts';
import { teamHandlers } from './team.ts';

/** The implementation of every API method. */
export const handlers: Handlers = {
  ...appHandlers,
  ...clientHandlers,
  ...historyHandlers,
  ...teamHandlers,
  ...contactHandlers,
  ...interactionHandlers,
  ...dealHandlers,
  ...searchHandlers,
  ...reminderHandlers,
  ...syncHandlers,
  ...storageHandlers,
  ...importHandlers,
  ...analyticsHandlers,
  ...analyticsMoneyHandlers,
  ...analyticsSalesHandlers,
  ...analyticsSegmentHandlers,
  ...analyticsLifetimeHandlers,
};
