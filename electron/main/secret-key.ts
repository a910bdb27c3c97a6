import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SafeStorageSeam } from './seam.ts';

/** The key file in the data folder: a random key, encrypted by the OS (safeStorage), never in clear. */
export const SECRET_KEY_FILE = 'secret-key.bin';

/**
 * The key the backend seals secrets with (the sync refresh token): made once, kept in the data folder
 * encrypted with Electron safeStorage (Keychain on macOS, DPAPI on Windows, libsecret on Linux). Null
 * where the OS offers no encryption; the backend then stores secrets as they are.
 */
export function loadSecretKey(safeStorage: SafeStorageSeam, dataDir: string): Buffer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) {
    try {
      return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
    } catch {
      // Another OS account or a reinstalled keyring: a new key; the user signs in to sync again.
    }
  }
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  return key;
}
