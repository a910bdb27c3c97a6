import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from './auth.ts';
import type { ServerDatabase } from './schema.ts';
import { type ServerContext, isoNow } from './server-context.ts';
import { ServiceError } from './service-error.ts';

/** Teams and their users: what the admin commands create and disable. */

/**
 * Creates a team and its first admin, in one transaction: a taken email or a short password leaves
 * nothing behind (no team without users to say "already exists" on the retry).
 */
export async function createTeam(
  ctx: ServerContext,
  input: { name: string; adminEmail: string; adminPassword: string },
): Promise<{ teamId: string; userId: string }> {
  const name = input.name.trim();
  if (name === '') throw new ServiceError(400, 'validation', 'A team needs a name.');
  const admin = await newUser({ email: input.adminEmail, password: input.adminPassword, role: 'admin' });
  const teamId = randomUUID();
  return unique(
    ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('team').select('id').where('name', '=', name).executeTakeFirst();
      if (existing) throw new ServiceError(409, 'conflict', `A team named “${name}” already exists.`);
      await trx
        .insertInto('team')
        .values({ id: teamId, name, created_at: isoNow(ctx) })
        .execute();
      const userId = await insertUser(ctx, trx, teamId, admin);
      return { teamId, userId };
    }),
  );
}

/** Adds a user to a team; emails are unique across the server, compared in lowercase. */
export async function addUser(
  ctx: ServerContext,
  input: { team: string; email: string; password: string; role: 'admin' | 'member' },
): Promise<string> {
  const team = await ctx.db.selectFrom('team').select('id').where('name', '=', input.team).executeTakeFirst();
  if (!team) throw new ServiceError(404, 'not_found', `There is no team named “${input.team}”.`);
  const user = await newUser(input);
  return unique(insertUser(ctx, ctx.db, team.id, user));
}

interface NewUser {
  email: string;
  passwordHash: string;
  role: 'admin' | 'member';
}

/** A user's email and password checked, and the password hashed (before any transaction: it is slow). */
async function newUser(input: { email: string; password: string; role: NewUser['role'] }): Promise<NewUser> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new ServiceError(400, 'validation', `“${input.email}” is not an email address.`);
  if (input.password.length < 8)
    throw new ServiceError(400, 'validation', 'A password needs at least 8 characters.');
  return { email, passwordHash: await hashPassword(input.password), role: input.role };
}

async function insertUser(
  ctx: ServerContext,
  db: Kysely<ServerDatabase>,
  teamId: string,
  user: NewUser,
): Promise<string> {
  const taken = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', user.email)
    .executeTakeFirst();
  if (taken) throw new ServiceError(409, 'conflict', `${user.email} already has an account.`);
  const id = randomUUID();
  await db
    .insertInto('app_user')
    .values({
      id,
      team_id: teamId,
      email: user.email,
      password_hash: user.passwordHash,
      role: user.role,
      disabled_at: null,
      created_at: isoNow(ctx),
    })
    .execute();
  return id;
}

/** Another process may take the same team name or email between the check and the insert. */
async function unique<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ServiceError(409, 'conflict', 'That team name or email was taken a moment ago.');
    throw error;
  }
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
