import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tokens } from '../shared/sync/protocol.ts';
import {
  ACCESS_TOKEN_MS,
  type AccessClaims,
  hashToken,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
  STAND_IN_HASH,
  verifyPassword,
} from './auth.ts';
import { type LoginLimits, beginAttempt, bucketsOf, settleAttempt } from './login-limits.ts';
import type { ServerDatabase } from './schema.ts';
import { type ServerContext, isoNow } from './server-context.ts';
import { ServiceError } from './service-error.ts';

/** Sessions and tokens: sign-in, refresh, and the check of every request's access token. */
export interface SessionContext extends ServerContext {
  /** The secret that signs access tokens. */
  secret(): Promise<Buffer>;
}

/**
 * The secret that signs access tokens: made once, kept in the database, shared by every process (so any
 * of them checks any token); read once per process.
 */
export function tokenSecret(db: Kysely<ServerDatabase>): () => Promise<Buffer> {
  let secret: Promise<Buffer> | null = null;
  return () => (secret ??= loadSecret(db));
}

async function loadSecret(db: Kysely<ServerDatabase>): Promise<Buffer> {
  const made = randomBytes(32).toString('base64url');
  await db
    .insertInto('server_meta')
    .values({ key: 'token_secret', value: made })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_meta')
    .select('value')
    .where('key', '=', 'token_secret')
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

const revoked = () =>
  new ServiceError(403, 'revoked', 'This laptop was disconnected from the team by an admin.');
const disabled = () => new ServiceError(403, 'disabled', 'This account is disabled. Ask your team admin.');

/** What a sign-in needs besides its database: the limits on attempts (login-limits.ts). */
export interface LoginContext extends SessionContext {
  loginLimits: LoginLimits;
}

/**
 * Signs in on a device (registering it the first time) and answers its tokens. It takes the same time
 * whether or not the email has an account (a password is always checked, against a stand-in hash when
 * there is none), and the same answer for a wrong email and a wrong password: nobody can probe which
 * accounts exist. Attempts are limited (login-limits.ts) by address, email and known device.
 */
export async function login(
  ctx: LoginContext,
  input: { email: string; password: string; deviceId: string; deviceName: string; address: string },
): Promise<Tokens> {
  const user = await ctx.db
    .selectFrom('app_user')
    .leftJoin('device', (join) =>
      join.onRef('device.user_id', '=', 'app_user.id').on('device.id', '=', input.deviceId),
    )
    .selectAll('app_user')
    .select(['device.id as known_device', 'device.revoked_at as device_revoked_at'])
    .where('app_user.email', '=', input.email)
    .executeTakeFirst();
  const knownDevice =
    user?.known_device !== undefined && user.known_device !== null && user.device_revoked_at === null;
  const buckets = bucketsOf(input);
  const attempt = await beginAttempt(ctx, ctx.loginLimits, buckets, knownDevice);
  const right = await verifyPassword(input.password, user?.password_hash ?? STAND_IN_HASH);
  await settleAttempt(ctx, ctx.loginLimits, attempt, buckets, right && user !== undefined);
  if (!user || !right) throw new ServiceError(401, 'wrong_password', 'The email or the password is wrong.');
  if (user.disabled_at) throw disabled();
  const refreshToken = newRefreshToken();
  await registerDevice(ctx, { userId: user.id, teamId: user.team_id }, input, hashToken(refreshToken));
  return tokens(ctx, { userId: user.id, teamId: user.team_id, deviceId: input.deviceId }, refreshToken);
}

/** Stores the device's new refresh token, adding the device on its first sign-in. */
async function registerDevice(
  ctx: SessionContext,
  owner: { userId: string; teamId: string },
  input: { deviceId: string; deviceName: string },
  refreshHash: string,
): Promise<void> {
  const device = await ctx.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', input.deviceId)
    .executeTakeFirst();
  if (device?.revoked_at) throw revoked();
  if (device && (device.user_id !== owner.userId || device.team_id !== owner.teamId)) {
    throw new ServiceError(403, 'forbidden', 'This laptop is registered to another account.');
  }
  const now = isoNow(ctx);
  if (device) {
    await ctx.db
      .updateTable('device')
      .set({ refresh_hash: refreshHash, last_seen_at: now, name: input.deviceName })
      .where('id', '=', device.id)
      .execute();
    return;
  }
  await ctx.db
    .insertInto('device')
    .values({
      id: input.deviceId,
      team_id: owner.teamId,
      user_id: owner.userId,
      name: input.deviceName,
      refresh_hash: refreshHash,
      created_at: now,
      last_seen_at: now,
      revoked_at: null,
      last_counter: 0,
    })
    .execute();
}

/** New tokens for a device that shows its refresh token; the old refresh token stops working. */
export async function refresh(
  ctx: SessionContext,
  input: { deviceId: string; refreshToken: string },
): Promise<Tokens> {
  const device = await ctx.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', input.deviceId)
    .executeTakeFirst();
  if (!device || device.refresh_hash !== hashToken(input.refreshToken)) {
    throw new ServiceError(401, 'unauthorized', 'Sign in again: this session is not valid any more.');
  }
  if (device.revoked_at) throw revoked();
  const user = await ctx.db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', device.user_id)
    .executeTakeFirstOrThrow();
  if (user.disabled_at) throw disabled();
  const refreshToken = newRefreshToken();
  await ctx.db
    .updateTable('device')
    .set({ refresh_hash: hashToken(refreshToken), last_seen_at: isoNow(ctx) })
    .where('id', '=', device.id)
    .execute();
  return tokens(ctx, { userId: user.id, teamId: user.team_id, deviceId: device.id }, refreshToken);
}

/** The caller of a request: a valid token of a device that is not revoked and a user not disabled. */
export async function authenticate(
  ctx: SessionContext,
  authorization: string | undefined,
): Promise<AccessClaims> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  const claims = verifyAccessToken(token, await ctx.secret(), ctx.now());
  if (!claims)
    throw new ServiceError(
      401,
      'unauthorized',
      'Sign in again: the access token is missing, expired or not genuine.',
    );
  const device = await ctx.db
    .selectFrom('device')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select(['device.revoked_at', 'app_user.disabled_at', 'device.team_id'])
    .where('device.id', '=', claims.deviceId)
    .executeTakeFirst();
  if (!device || device.team_id !== claims.teamId)
    throw new ServiceError(401, 'unauthorized', 'Sign in again.');
  if (device.revoked_at) throw revoked();
  if (device.disabled_at) throw disabled();
  return claims;
}

async function tokens(
  ctx: SessionContext,
  claims: Omit<AccessClaims, 'exp'>,
  refreshToken: string,
): Promise<Tokens> {
  const exp = ctx.now() + ACCESS_TOKEN_MS;
  return {
    accessToken: signAccessToken({ ...claims, exp }, await ctx.secret()),
    accessExpiresAt: new Date(exp).toISOString(),
    refreshToken,
    teamId: claims.teamId,
    userId: claims.userId,
  };
}
