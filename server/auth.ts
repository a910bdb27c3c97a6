import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: object,
) => Promise<Buffer>;

/** scrypt work factors: ~50 ms per hash on a laptop, memory 16 MiB. */
const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** A password hash as stored: `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * What a password is checked against when the email has no account: a hash of the same work factors
 * that no password matches, so an unknown email takes as long as a known one.
 */
export const STAND_IN_HASH = [
  'scrypt',
  N,
  R,
  P,
  'cmFwcG9ydC1zdGFuZC1pbg',
  'c3RhbmQtaW4gaGFzaDogbm8gcGFzc3dvcmQgZml0cyE',
].join('$');

/** True when `password` matches the stored hash; constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Access tokens live this long (issue #5: 15 minutes). */
export const ACCESS_TOKEN_MS = 15 * 60 * 1000;

/** What an access token says: who, in which team, on which device, until when. */
export interface AccessClaims {
  userId: string;
  teamId: string;
  deviceId: string;
  /** Expiry, Unix milliseconds. */
  exp: number;
}

/** `v1.<claims>.<HMAC-SHA256>`: stateless, so any server process with the secret can check it. */
export function signAccessToken(claims: AccessClaims, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `v1.${body}.${mac(body, secret)}`;
}

/** The claims of a genuine, unexpired token; null for anything else (forged, altered, expired, garbage). */
export function verifyAccessToken(token: string, secret: Buffer, nowMs: number): AccessClaims | null {
  const parts = token.split('.');
  // Exactly three segments: a genuine token with anything appended is not the token that was signed.
  if (parts.length !== 3) return null;
  const [version, body, signature] = parts;
  if (version !== 'v1' || !body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims;
    return typeof claims.exp === 'number' && claims.exp > nowMs ? claims : null;
  } catch {
    return null;
  }
}

function mac(body: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** A new refresh token: random, shown to the device once; the server keeps only its hash. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
