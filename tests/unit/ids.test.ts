import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deterministicId, isUuid, sha256 } from '../../shared/ids.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'тег ✓ '.repeat(100)])(
    'matches node:crypto for %j',
    (text) => {
      const bytes = new TextEncoder().encode(text);
      expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
    },
  );
});

describe('deterministicId', () => {
  it('is a UUIDv8, the same for the same parts and different for others', () => {
    const id = deterministicId('client_tag', 'a', 'b');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect(deterministicId('client_tag', 'a', 'b')).toBe(id);
    expect(deterministicId('client_tag', 'b', 'a')).not.toBe(id);
    expect(deterministicId('campaign_member', 'a', 'b')).not.toBe(id);
    expect(deterministicId('client_tag', 'a\u0000b')).not.toBe(deterministicId('client_tag', 'a', 'b', ''));
  });
});
