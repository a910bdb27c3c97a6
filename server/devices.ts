import type { AccessClaims } from './auth.ts';
import { type ServerContext, isoNow } from './server-context.ts';
import { ServiceError } from './service-error.ts';

/** Revokes a device (the admin command): its tokens stop working at once. */
export async function revokeDevice(ctx: ServerContext, deviceId: string): Promise<void> {
  const result = await ctx.db
    .updateTable('device')
    .set({ revoked_at: isoNow(ctx) })
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new ServiceError(404, 'not_found', `There is no device ${deviceId}.`);
}

/** Every device, or one team's, oldest first (the admin command). */
export async function listDevices(ctx: ServerContext, teamName?: string) {
  let query = ctx.db
    .selectFrom('device')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .innerJoin('team', 'team.id', 'device.team_id')
    .select([
      'device.id',
      'device.name',
      'app_user.email',
      'team.name as team',
      'device.created_at',
      'device.last_seen_at',
      'device.revoked_at',
    ]);
  if (teamName) query = query.where('team.name', '=', teamName);
  return query.orderBy('device.created_at').execute();
}

/** The laptops of the caller's team, for Settings → Sync. */
export async function teamDevices(ctx: ServerContext, claims: AccessClaims) {
  const admin = await isAdmin(ctx, claims);
  const rows = await ctx.db
    .selectFrom('device')
    .innerJoin('app_user', 'app_user.id', 'device.user_id')
    .select([
      'device.id',
      'device.name',
      'device.user_id',
      'app_user.email',
      'device.last_seen_at',
      'device.revoked_at',
    ])
    .where('device.team_id', '=', claims.teamId)
    .orderBy('device.last_seen_at', 'desc')
    .execute();
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      lastSeenAt: row.last_seen_at,
      revoked: row.revoked_at !== null,
      canRevoke: row.revoked_at === null && (admin || row.user_id === claims.userId),
    })),
  };
}

/**
 * Revokes a laptop of the caller's team from the app: a team admin may revoke any, anyone their own
 * (a lost laptop). A laptop of another team does not exist as far as the caller can tell.
 */
export async function revokeTeamDevice(ctx: ServerContext, claims: AccessClaims, deviceId: string) {
  const device = await ctx.db
    .selectFrom('device')
    .select(['user_id', 'revoked_at'])
    .where('id', '=', deviceId)
    .where('team_id', '=', claims.teamId)
    .executeTakeFirst();
  if (!device) throw new ServiceError(404, 'not_found', 'There is no such laptop in your team.');
  if (device.user_id !== claims.userId && !(await isAdmin(ctx, claims)))
    throw new ServiceError(403, 'forbidden', 'Only a team admin can revoke another person’s laptop.');
  if (device.revoked_at === null) await revokeDevice(ctx, deviceId);
  return teamDevices(ctx, claims);
}

async function isAdmin(ctx: ServerContext, claims: AccessClaims): Promise<boolean> {
  const user = await ctx.db
    .selectFrom('app_user')
    .select('role')
    .where('id', '=', claims.userId)
    .where('team_id', '=', claims.teamId)
    .executeTakeFirst();
  return user?.role === 'admin';
}
