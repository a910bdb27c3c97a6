import { type Kysely, sql } from 'kysely';
import type { ServerDatabase } from './schema.ts';

/** The sequence number of the team's newest change (0 before the first). */
export async function teamHead(db: Kysely<ServerDatabase>, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('change')
    .select(sql<number>`cast(coalesce(max(seq), 0) as integer)`.as('head'))
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row?.head ?? 0;
}
