import { describe, expect, it } from 'vitest';
import { deterministicId } from '../../db/deterministic-id.ts';
import { isUuid, uuidv7 } from '../../shared/ids.ts';

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

  it('gives the ids stored by earlier versions, so a tag added on an old laptop is the same row', () => {
    // Made by the hand-written SHA-256 this replaced; the ids are in databases and on servers.
    expect(
      deterministicId(
        'client_tag',
        '0190f0f0-0000-7000-8000-000000000001',
        '0190f0f0-0000-7000-8000-000000000002',
      ),
    ).toBe('3e0573e3-826f-8083-a1b3-397ef0938e20');
    expect(deterministicId('campaign_member', 'Алматы', '😀')).toBe('49324c82-ad19-8ecf-bc88-4269561af0cc');
  });
});

describe('uuidv7', () => {
  it('is a version 7 UUID that starts with its milliseconds and differs every time', () => {
    const ms = Date.UTC(2026, 11, 1, 19, 0, 0);
    const a = uuidv7(ms);
    const b = uuidv7(ms);
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect('89ab').toContain(a[19]);
    expect(a.replaceAll('-', '').slice(0, 12)).toBe(ms.toString(16).padStart(12, '0'));
    expect(a).not.toBe(b);
  });

  it('takes the random bytes it is given, with the version and variant bits set over them', () => {
    const ms = Date.UTC(2026, 11, 1);
    const id = uuidv7(ms, Uint8Array.of(0xff, 0x01, 0xff, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08));
    expect(id).toBe(
      `${ms
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})/, '$1-')}-7f01-bf02-030405060708`,
    );
    // A counter in the first 12 bits sorts ids made in one millisecond in the order they were made.
    const ids = [0, 1, 255, 256, 4095].map((n) =>
      uuidv7(ms, Uint8Array.of(n >>> 8, n & 0xff, 0, 0, 0, 0, 0, 0, 0, 0)),
    );
    expect([...ids].sort()).toEqual(ids);
  });
});
