import { z } from 'zod';
import { SyncStatus } from '../domain/sync.ts';
import { JobProgress } from '../domain/transfer.ts';

/** Events the backend sends to every UI, on every transport. */
export const eventSchemas = {
  /** Records of one entity changed; lists and pages showing them refetch. */
  'data.changed': z.object({ entity: z.string(), ids: z.array(z.string()) }),
  /** Follow-ups came due: `count` reminders are pending now, `missed` of them while the app was closed. */
  'reminders.due': z.object({ count: z.number().int(), missed: z.number().int() }),
  /** The number of overdue follow-ups changed (checked at least once a minute): title and dock badge. */
  'followups.overdue': z.object({ count: z.number().int() }),
  /** Sync changed state (syncing, synced, offline, an error, pending count): the shell's indicator. */
  'sync.status': SyncStatus,
  /** How far a long job (an import, a dry run, an export) is, a few times a second. */
  'job.progress': JobProgress,
  /** The desktop shell asks the UI to run a command (from the application menu or the tray). */
  'app.command': z.object({ command: z.enum(['clients.new']) }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;

/** An event as it travels: its name and payload. */
export type BackendEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
