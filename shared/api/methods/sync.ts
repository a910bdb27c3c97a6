import { NoInput } from '../../domain/common.ts';
import {
  DiscardSetAsideInput,
  ResolveConflictInput,
  SetAsideList,
  RevokeDeviceInput,
  SyncConflictList,
  SyncConnectInput,
  SyncDeviceList,
  SyncStatus,
} from '../../domain/sync.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Team sync (SYNC.md): connect, sync now, status, and the conflict inbox (sync.*). */
export const syncMethods = {
  /** Sign in to the team's server from this laptop and start syncing in the background. */
  'sync.connect': { input: SyncConnectInput, output: SyncStatus, network: true },
  /** Stop syncing and forget the sign-in; local data stays. */
  'sync.disconnect': { input: NoInput, output: SyncStatus, network: true },
  /** Sync at once instead of waiting for the next round. */
  'sync.now': { input: NoInput, output: SyncStatus, network: true },
  'sync.status': { input: NoInput, output: SyncStatus, readOnly: true },
  /** The team's laptops signed in to the server (asks the server). */
  'sync.devices': { input: NoInput, output: SyncDeviceList, network: true },
  /**
   * Revoke a laptop of the team (a team admin any, anyone their own): it is signed out and can no longer
   * sync. Returns the laptops as they are now.
   */
  'sync.revokeDevice': { input: RevokeDeviceInput, output: SyncDeviceList, network: true },
  /** Text fields that lost a concurrent edit, oldest first. */
  'sync.conflicts': { input: NoInput, output: SyncConflictList, readOnly: true },
  /** Changes sync set aside (values that break the rules, changes the server refused), newest first. */
  'sync.setAside': { input: NoInput, output: SetAsideList, readOnly: true },
  /**
   * Discard one change set aside (a bad value from the team, or ours the server refused): it is never
   * applied or sent. Returns the list as it is now.
   */
  'sync.discardSetAside': { input: DiscardSetAsideInput, output: SetAsideList },
  /** Settle one conflict: keep the current text, bring back the other, or write a combination. */
  'sync.resolveConflict': { input: ResolveConflictInput, output: SyncConflictList },
} as const satisfies Record<string, MethodSpec>;
