import { randomUUID } from 'node:crypto';
import type { ServerContext } from './server-context.ts';
import { ServiceError } from './service-error.ts';

/**
 * Limits on sign-in attempts, kept in the store so every server process sharing it applies the same ones
 * and a restart forgets none. Each attempt counts against three limits (buckets) while it is under way and,
 * once it failed, for a window:
 * - its address, whatever emails it tries (someone guessing across accounts);
 * - its email, whether or not an account has it (so a limit reached says nothing about which exist);
 * - its device, when the device is one the account already signed in on.
 * A device the account already knows is held only to its own limit: a stranger's failures (from anywhere,
 * on any email) never stop a person signing in with the right password from their own laptop. Guessing on
 * a known device's id is still limited, by that device's limit.
 */
export interface LoginLimits {
  windowMs: number;
  perAddress: number;
  perEmail: number;
  perDevice: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  perAddress: 20,
  perEmail: 10,
  perDevice: 10,
};

/** An attempt's buckets. */
export interface AttemptBuckets {
  address: string;
  email: string;
  device: string;
}

export function bucketsOf(input: { address: string; email: string; deviceId: string }): AttemptBuckets {
  return {
    address: `address:${input.address}`,
    email: `email:${input.email}`,
    device: `device:${input.deviceId}`,
  };
}

/**
 * Counts the attempt against its buckets, first: parallel guesses then see each other, so none slips
 * past a limit by racing. Refuses it (and forgets it) when a limit that applies is over; otherwise
 * answers its id, for {@link settleAttempt}.
 */
export async function beginAttempt(
  ctx: ServerContext,
  limits: LoginLimits,
  buckets: AttemptBuckets,
  knownDevice: boolean,
): Promise<string> {
  const attempt = randomUUID();
  const now = ctx.now();
  await ctx.db
    .insertInto('login_attempt')
    .values(
      [buckets.address, buckets.email, buckets.device].map((bucket) => ({ attempt, bucket, at_ms: now })),
    )
    .execute();
  const applying: [string, number, string][] = knownDevice
    ? [[buckets.device, limits.perDevice, 'on this laptop']]
    : [
        [buckets.address, limits.perAddress, 'from this network'],
        [buckets.email, limits.perEmail, 'for this email'],
      ];
  const counts = await ctx.db
    .selectFrom('login_attempt')
    .select((eb) => [
      'bucket',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min<number | string>('at_ms').as('oldest'),
    ])
    .where(
      'bucket',
      'in',
      applying.map(([bucket]) => bucket),
    )
    .where('at_ms', '>', now - limits.windowMs)
    .groupBy('bucket')
    .execute();
  for (const [bucket, limit, where] of applying) {
    const count = counts.find((row) => row.bucket === bucket);
    // This attempt is one of the rows: over the limit is more than `limit` earlier ones plus this.
    if (!count || Number(count.n) <= limit) continue;
    await forgetAttempt(ctx, attempt);
    const waitMs = Math.max(1000, Number(count.oldest) + limits.windowMs - now);
    const minutes = Math.ceil(waitMs / 60_000);
    throw new ServiceError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins ${where}. Try again in ${String(minutes)} minute${minutes === 1 ? '' : 's'}` +
        (knownDevice ? '.' : ', or from a laptop already connected to this account.'),
      { 'retry-after': String(Math.ceil(waitMs / 1000)) },
    );
  }
  return attempt;
}

/**
 * Ends an attempt: a failed one stays counted for the window (and what has aged out of every window is
 * dropped); a right password clears its email's and device's failures, not its address's (one good
 * account must not reset the count of someone guessing others).
 */
export async function settleAttempt(
  ctx: ServerContext,
  limits: LoginLimits,
  attempt: string,
  buckets: AttemptBuckets,
  succeeded: boolean,
): Promise<void> {
  if (!succeeded) {
    await ctx.db
      .deleteFrom('login_attempt')
      .where('at_ms', '<=', ctx.now() - limits.windowMs)
      .execute();
    return;
  }
  await forgetAttempt(ctx, attempt);
  await ctx.db.deleteFrom('login_attempt').where('bucket', 'in', [buckets.email, buckets.device]).execute();
}

async function forgetAttempt(ctx: ServerContext, attempt: string): Promise<void> {
  await ctx.db.deleteFrom('login_attempt').where('attempt', '=', attempt).execute();
}
