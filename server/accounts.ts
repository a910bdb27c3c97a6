import { randomUUID } from 'node:crypto';
import { hashPassword } from './auth.ts';
import { type ServerContext, isoNow } from './server-context.ts';
import { ServiceError } from './service-error.ts';

/** Teams and their users: what the admin commands create and disable. */

/** Creates a team and its first admin. */
export async function createTeam(
  ctx: ServerContext,
  input: { name: string; adminEmail: string; adminPassword: string },
): Promise<{ teamId: string; userId: string }> {
  const existing = await ctx.db
    .selectFrom('team')
    .select('id')
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (existing) throw new ServiceError(409, 'conflict', `A team named “${input.name}” already exists.`);
  const teamId = randomUUID();
  await ctx.db
    .insertInto('team')
    .values({ id: teamId, name: input.name, created_at: isoNow(ctx) })
    .execute();
  const userId = await addUser(ctx, {
    team: input.name,
    email: input.adminEmail,
    password: input.adminPassword,
    role: 'admin',
  });
  return { teamId, userId };
}

/** Adds a user to a team; emails are unique across the server, compared in lowercase. */
export async function addUser(
  ctx: ServerContext,
  input: { team: string; email: string; password: string; role: 'admin' | 'member' },
): Promise<string> {
  const team = await ctx.db.selectFrom('team').select('id').where('name', '=', input.team).executeTakeFirst();
  if (!team) throw new ServiceError(404, 'not_found', `There is no team named “${input.team}”.`);
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new ServiceError(400, 'validation', `“${input.email}” is not an email address.`);
  if (input.password.length < 8)
    throw new ServiceError(400, 'validation', 'A password needs at least 8 characters.');
  const taken = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken) throw new ServiceError(409, 'conflict', `${email} already has an account.`);
  const id = randomUUID();
  await ctx.db
    .insertInto('app_user')
    .values({
      id,
      team_id: team.id,
      email,
      password_hash: await hashPassword(input.password),
      role: input.role,
      disabled_at: null,
      created_at: isoNow(ctx),
    })
    .execute();
  return id;
}

/** Disables a user: their devices are refused from the next request on. */
export async function disableUser(ctx: ServerContext, email: string): Promise<void> {
  const result = await ctx.db
    .updateTable('app_user')
    .set({ disabled_at: isoNow(ctx) })
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new ServiceError(404, 'not_found', `There is no user ${email}.`);
}
