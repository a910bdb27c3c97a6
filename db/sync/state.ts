import type { SyncState, SyncStatus } from '../../shared/domain/sync.ts';
import { readMeta } from '../local-meta.ts';
import type { ReadDb } from '../sql.ts';
import { pendingCount } from './outbox.ts';
import { countSetAside } from './set-aside.ts';

export { readMeta, writeMeta } from '../local-meta.ts';

/** The sync settings and state this laptop keeps in local_meta (never synced). */
export const SYNC_KEYS = {
  serverUrl: 'sync.server_url',
  email: 'sync.email',
  refreshToken: 'sync.refresh_token',
  teamId: 'sync.team_id',
  userId: 'sync.user_id',
  cursor: 'sync.cursor',
  acked: 'sync.acked_counter',
  state: 'sync.state',
  lastSuccessAt: 'sync.last_success_at',
  lastError: 'sync.last_error',
  clockOffset: 'sync.clock_offset_ms',
  /** Where an interrupted first-sync snapshot resumes. */
  snapshot: 'sync.snapshot',
  /** Records a first sync has brought so far (while it runs). */
  received: 'sync.received',
} as const;

/** Where sync stands, from what the engine last recorded. */
export function readSyncStatus(db: ReadDb): SyncStatus {
  const serverUrl = readMeta(db, SYNC_KEYS.serverUrl);
  const pending = pendingCount(db, Number(readMeta(db, SYNC_KEYS.acked) ?? 0));
  const recorded = (readMeta(db, SYNC_KEYS.state) ?? 'synced') as SyncState;
  const state: SyncState =
    serverUrl === null ? 'off' : recorded === 'synced' && pending > 0 ? 'pending' : recorded;
  const conflicts = (
    db.prepare('SELECT count(*) AS n FROM sync_conflict WHERE resolved_at IS NULL').get() as { n: number }
  ).n;
  return {
    state,
    serverUrl,
    email: readMeta(db, SYNC_KEYS.email),
    pending,
    lastSuccessAt: readMeta(db, SYNC_KEYS.lastSuccessAt),
    lastError: readMeta(db, SYNC_KEYS.lastError),
    conflicts,
    received:
      readMeta(db, SYNC_KEYS.snapshot) === null ? null : Number(readMeta(db, SYNC_KEYS.received) ?? 0),
    setAside: countSetAside(db),
  };
}
