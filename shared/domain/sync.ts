import { z } from 'zod';
import { Timestamp } from './common.ts';
import { optionalText } from './fields.ts';

/**
 * True for an http(s) address the platform can open: `new URL` is what fetch uses, so an address it
 * cannot parse (a port above 65535, a space in the host) is refused here instead of failing as a
 * TypeError on the first request.
 */
function isServerAddress(value: string): boolean {
  if (!/^https?:\/\/[^\s/]+/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** Connect this laptop to the team's sync server. */
export const SyncConnectInput = z.strictObject({
  serverUrl: z
    .string()
    .trim()
    .max(500)
    .refine(isServerAddress, {
      message: 'Enter the server address, such as https://sync.example.com.',
      params: { rule: 'website' },
    }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter your email address.' })),
  password: z.string().min(1, { message: 'Enter your password.' }).max(1000),
});

export const syncStates = ['off', 'synced', 'syncing', 'pending', 'offline', 'error'] as const;
export const SyncState = z.enum(syncStates);
export type SyncState = z.infer<typeof SyncState>;

/** Where sync stands, for the shell's indicator and Settings → Sync. */
export const SyncStatus = z.object({
  state: SyncState,
  serverUrl: z.string().nullable(),
  email: z.string().nullable(),
  /** Local changes not yet acknowledged by the server. */
  pending: z.number().int(),
  lastSuccessAt: Timestamp.nullable(),
  /** The last failure, in words a person understands; null after a success. */
  lastError: z.string().nullable(),
  /** Conflicts waiting in the inbox. */
  conflicts: z.number().int(),
  /** Records a first sync has brought so far, while it runs (it may take a while); null otherwise. */
  received: z.number().int().nullable(),
  /** Changes set aside because a value breaks the rules (see `sync.setAside`); everything else syncs. */
  setAside: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * Something sync kept for a person to decide. `text`: a text field that lost a concurrent edit, both
 * versions, for "keep current / use the other / combine". `deleted`: a record deleted here that another
 * laptop changed afterwards ("changed after deletion — restore?"); `lost` is the new value of `field`.
 */
export const SyncConflict = z.object({
  id: z.number().int(),
  kind: z.enum(['text', 'deleted']),
  entity: z.string(),
  recordId: z.string(),
  field: z.string(),
  /** The value the field holds now (the newer write). */
  kept: z.string(),
  /** The other write, kept here so nothing typed is lost. */
  lost: z.string(),
  at: Timestamp,
});
export type SyncConflict = z.infer<typeof SyncConflict>;
export const SyncConflictList = z.object({ items: z.array(SyncConflict) });

export const ResolveConflictInput = z.strictObject({
  id: z.number().int(),
  /**
   * kept: leave the field as it is (or the record deleted); lost: bring back the other text (or restore
   * the record); combined: write `text`.
   */
  choice: z.enum(['kept', 'lost', 'combined']),
  text: optionalText(20_000).optional(),
});

/** A laptop signed in to the team's server. */
export const SyncDevice = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  lastSeenAt: z.string(),
  revoked: z.boolean(),
  /** The signed-in person may revoke it (a team admin any laptop, anyone their own). */
  canRevoke: z.boolean(),
  /** This laptop. */
  current: z.boolean(),
});

/** Sign a laptop of the team out of the server for good (a lost or replaced laptop). */
export const RevokeDeviceInput = z.strictObject({ deviceId: z.string().min(1).max(100) });
export const SyncDeviceList = z.object({ items: z.array(SyncDevice) });
export type SyncDeviceList = z.infer<typeof SyncDeviceList>;

/**
 * A change sync could not use, kept so nothing is lost or hidden. `in`: a value pulled from the team
 * that breaks the rules (or an edit of a record that could not be created here); `out`: a change made
 * on this laptop that the server refused. `reason` says what was wrong, naming the field and the rule.
 */
export const SetAsideChange = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  entity: z.string(),
  recordId: z.string(),
  field: z.string(),
  /** The value as it arrived (JSON text), cut to 500 characters. */
  value: z.string(),
  /** The rule it breaks, such as `invalid_value`, when known. */
  rule: z.string().nullable(),
  reason: z.string(),
  at: Timestamp,
});
export type SetAsideChange = z.infer<typeof SetAsideChange>;
export const SetAsideList = z.object({ items: z.array(SetAsideChange), total: z.number().int() });
export type SetAsideList = z.infer<typeof SetAsideList>;
/** Discard one change sync set aside: the person has seen it and it will never be used. */
export const DiscardSetAsideInput = z.strictObject({ id: z.number().int().positive() });
