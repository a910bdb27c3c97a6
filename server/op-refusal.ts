import type { ChangeOp } from '../shared/sync/protocol.ts';
import { SYNCED_TABLES } from './synced-tables.ts';

/**
 * Why this server refuses a pushed op, or null to store it: the one place each op is checked, by a push
 * and by the replay of a retried one alike (so both agree on which ops were stored). Today it knows the
 * tables; a check of the value against the entity's declaration belongs here too.
 */
export function refusalOf(op: ChangeOp): string | null {
  if (!SYNCED_TABLES.has(op.table)) return `unknown table ${op.table}`;
  return null;
}
