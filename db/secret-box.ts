import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Prefix of a sealed value; anything else is read as plain text (no key was available when written). */
const PREFIX = 'sealed:v1:';

/**
 * Seals small secrets (the sync refresh token) kept in the database with AES-256-GCM. The desktop app
 * passes a key that the OS keeps (Electron safeStorage: Keychain, DPAPI, libsecret); without one
 * (a CLI, or Linux without a keyring) secrets are stored as they are, which is the documented fallback.
 */
export interface SecretBox {
  readonly protects: boolean;
  seal(text: string): string;
  /** The text; throws if it was sealed with another key (the user signs in again). */
  open(stored: string): string;
}

export function createSecretBox(key: Buffer | null | undefined): SecretBox {
  if (!key) {
    return {
      protects: false,
      seal: (text) => text,
      open: (stored) => {
        if (stored.startsWith(PREFIX))
          throw new Error('This secret was sealed with a key that is not available.');
        return stored;
      },
    };
  }
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
  return {
    protects: true,
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
