import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../db/secret-box.ts';

describe('the secret box', () => {
  it('seals with the OS key, opens only with it, and reads values stored before a key existed', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('refresh-token-123');
    expect(sealed).not.toContain('refresh-token-123');
    expect(box.seal('refresh-token-123')).not.toBe(sealed); // a fresh nonce each time
    expect(box.open(sealed)).toBe('refresh-token-123');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => createSecretBox(null).open(sealed)).toThrow(/not available/);
    expect(box.open('plain-token')).toBe('plain-token');
    expect(createSecretBox(null).seal('plain')).toBe('plain');
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
