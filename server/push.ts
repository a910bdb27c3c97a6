import { type Kysely, sql } from 'kysely';
import { type HybridClock, decodeHlc } from '../shared/hlc.ts';
import { wins } from '../shared/sync/merge.ts';
import { type ChangeOp, type Mutation, fromTuple } from '../shared/sync/protocol.ts';
import type { AccessClaims } from './auth.ts';
import { checkMutation } from './check-mutation.ts';
import { notifyHeadMoved } from './head-listener.ts';
import { type PushOutcome, storedOutcome } from './push-replay.ts';
import type { ServerDatabase } from './schema.ts';
import { teamHead } from './team-head.ts';
import { type ServerContext, isoNow } from './server-context.ts';

/** Clocks further than this in the server's future are re-stamped (SYNC.md). */
const MAX_FUTURE_MS = 60_000;

/** What a push needs besides its database: the server's clock, which re-stamps clocks from the future. */
export interface PushContext extends ServerContext {
  clock: HybridClock;
}

/** One push of one device, in its transaction. */
interface PushRun {
  ctx: PushContext;
  trx: Kysely<ServerDatabase>;
  claims: AccessClaims;
  receivedAt: string;
  outcome: PushOutcome;
  /** Something new was stored: the team's head moved. */
  moved: boolean;
}

/**
 * Stores a device's mutations in one transaction: skips counters already stored (a retried push),
 * refuses what {@link checkMutation} refuses, re-stamps clocks too far in the future, appends every op to
 * the team's change log and merges it into the current field states. Returns the counter acknowledged,
 * and the team's new head if something was stored.
 */
export async function pushMutations(
  ctx: PushContext,
  claims: AccessClaims,
  mutations: readonly Mutation[],
): Promise<PushOutcome & { ackedCounter: number; movedTo: number | null }> {
  const outcome: PushOutcome = { restamps: [], rejected: [], stored: [] };
  const receivedAt = isoNow(ctx);
  let movedTo: number | null = null;
  const ackedCounter = await ctx.db.transaction().execute(async (trx) => {
    if (ctx.dialect === 'postgres') {
      // One push per team at a time: sequence numbers then commit in order (SYNC.md).
      await sql`SELECT pg_advisory_xact_lock(hashtext(${claims.teamId}))`.execute(trx);
    }
    const run: PushRun = { ctx, trx, claims, receivedAt, outcome, moved: false };
    const device = await trx
      .selectFrom('device')
      .select('last_counter')
      .where('id', '=', claims.deviceId)
      .executeTakeFirstOrThrow();
    let last = device.last_counter;
    for (const mutation of [...mutations].sort((a, b) => a.counter - b.counter)) {
      if (mutation.counter <= last) await replay(run, mutation);
      else last = await storeMutation(run, mutation);
    }
    await trx
      .updateTable('device')
      .set({ last_counter: last, last_seen_at: receivedAt })
      .where('id', '=', claims.deviceId)
      .execute();
    if (run.moved) {
      movedTo = await teamHead(trx, claims.teamId);
      // Every process's event streams wake, once this commits (head-listener.ts).
      if (ctx.dialect === 'postgres') await notifyHeadMoved(trx, claims.teamId, movedTo);
    }
    return last;
  });
  return { ...outcome, ackedCounter, movedTo };
}

/** A mutation stored before whose reply was lost: the device gets the same answer again. */
async function replay(run: PushRun, mutation: Mutation): Promise<void> {
  const again = await storedOutcome(run.trx, run.claims.deviceId, mutation);
  run.outcome.restamps.push(...again.restamps);
  run.outcome.rejected.push(...again.rejected);
  run.outcome.stored.push(...again.stored);
}

/**
 * Stores the ops of a new mutation once {@link checkMutation} has checked them against the entity
 * declarations: a value that breaks the rules refuses the whole mutation (nothing of it is stored, its
 * counter is still taken, so the device is not stuck); an op on an unknown table is refused alone.
 */
async function storeMutation(run: PushRun, mutation: Mutation): Promise<number> {
  const check = checkMutation(mutation);
  run.outcome.rejected.push(...check.rejected);
  if (check.refusedWhole) return mutation.counter;
  const refused = new Set(check.rejected.map((entry) => entry.index));
  for (const [index, tuple] of mutation.ops.entries()) {
    if (refused.has(index)) continue;
    const op = fromTuple(tuple);
    await storeOp(run, op, stampOf(run, op.hlc, mutation.counter, index), mutation);
  }
  const seq = await lastSeqOf(run.trx, run.claims.deviceId, mutation.counter);
  if (seq !== null) {
    run.outcome.stored.push({ counter: mutation.counter, seq });
    run.moved = true;
  }
  return mutation.counter;
}

/** The clock an op is stored with: its own, or a new one when it is too far in the server's future. */
function stampOf(run: PushRun, hlc: string, counter: number, index: number): string {
  const { clock } = run.ctx;
  const future = decodeHlc(hlc).ms > run.ctx.now() + MAX_FUTURE_MS;
  // A clock no further ahead than the limit, so one bad laptop cannot drag the server's clock forward.
  clock.receive(future ? '000000000000-00000-server' : hlc);
  if (!future) return hlc;
  const restamped = clock.tick();
  run.outcome.restamps.push({ counter, index, hlc: restamped });
  return restamped;
}

/** Appends the op to the team's change log and merges it into the field's current state. */
async function storeOp(run: PushRun, op: ChangeOp, hlc: string, mutation: Mutation): Promise<void> {
  const { trx, claims } = run;
  await trx
    .insertInto('change')
    .values({
      team_id: claims.teamId,
      table_name: op.table,
      row_id: op.rowId,
      field: op.field,
      value: op.value,
      hlc,
      device_id: claims.deviceId,
      counter: mutation.counter,
      seen_seq: mutation.seen,
      received_at: run.receivedAt,
    })
    .execute();
  const key = { team_id: claims.teamId, table_name: op.table, row_id: op.rowId, field: op.field };
  const current = await trx
    .selectFrom('field_state')
    .select('hlc')
    .where('team_id', '=', key.team_id)
    .where('table_name', '=', key.table_name)
    .where('row_id', '=', key.row_id)
    .where('field', '=', key.field)
    .executeTakeFirst();
  if (!current) {
    await trx
      .insertInto('field_state')
      .values({ ...key, value: op.value, hlc })
      .execute();
  } else if (wins(hlc, current.hlc)) {
    await trx
      .updateTable('field_state')
      .set({ value: op.value, hlc })
      .where('team_id', '=', key.team_id)
      .where('table_name', '=', key.table_name)
      .where('row_id', '=', key.row_id)
      .where('field', '=', key.field)
      .execute();
  }
}

/** The server sequence of a stored mutation's last change (null if all its ops were refused). */
async function lastSeqOf(
  trx: Kysely<ServerDatabase>,
  deviceId: string,
  counter: number,
): Promise<number | null> {
  const row = await trx
    .selectFrom('change')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('device_id', '=', deviceId)
    .where('counter', '=', counter)
    .executeTakeFirst();
  return row?.seq ?? null;
}
