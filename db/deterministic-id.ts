import { createHash } from 'node:crypto';
import { formatUuid } from '../shared/ids.ts';

/**
 * A UUIDv8 (RFC 9562) derived from `parts` by SHA-256: the same parts give the same id on every device.
 * Join rows (a tag on a client, a client in a campaign) use it, so two devices adding the same pair
 * offline make one row instead of a duplicate (SYNC.md). Only the local backend makes these ids (the
 * server stores what devices send), so it lives in db/ and uses node:crypto; the ids are stored and
 * synced, so the derivation must never change.
 */
export function deterministicId(namespace: string, ...parts: string[]): string {
  const bytes = createHash('sha256')
    .update([namespace, ...parts].join('\u0000'), 'utf8')
    .digest();
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return formatUuid(bytes);
}
