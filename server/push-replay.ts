import type { Kysely } from 'kysely';
import { type Mutation, type PushResponse, fromTuple } from '../shared/sync/protocol.ts';
import { checkMutation } from './check-mutation.ts';
import type { ServerDatabase } from './schema.ts';
import { ServiceError } from './service-error.ts';

/** What a push answers about its mutations. */
export type PushOutcome = Pick<PushResponse, 'restamps' | 'rejected' | 'stored'>;

/**
 * What the push of a stored mutation answered, recovered from the change log, for a device whose push
 * was stored but whose reply was lost: its ops were stored in order (the refused ones left out), so the
 * n-th stored change is the n-th accepted op. A mutation that is not the one stored under its counter
 * (a laptop whose database went back to an older copy numbers new edits like old ones) is refused: its
 * edits would otherwise be acknowledged and never stored.
 */
export async function storedOutcome(
  trx: Kysely<ServerDatabase>,
  deviceId: string,
  mutation: Mutation,
): Promise<PushOutcome> {
  const stored = await trx
    .selectFrom('change')
    .select(['table_name', 'row_id', 'field', 'value', 'hlc', 'seq'])
    .where('device_id', '=', deviceId)
    .where('counter', '=', mutation.counter)
    .orderBy('seq')
    .execute();
  if (!storedIn(stored, mutation))
    throw new ServiceError(
      409,
      'counter_reused',
      `The server already holds this laptop's change ${String(mutation.counter)} with other contents, so it stored nothing of this push. ` +
        'This happens when a laptop’s database goes back to an older copy (a restored backup) while it syncs: ask your team admin.',
    );
  const outcome: PushOutcome = { restamps: [], rejected: [], stored: [] };
  let next = 0;
  // The same check as when it was first pushed (it is pure): the same refusals, none stored if whole.
  const check = checkMutation(mutation);
  outcome.rejected.push(...check.rejected);
  if (check.refusedWhole) return outcome;
  const refused = new Set(check.rejected.map((entry) => entry.index));
  for (const [index, tuple] of mutation.ops.entries()) {
    const op = fromTuple(tuple);
    if (refused.has(index)) continue;
    const hlc = stored[next++]?.hlc;
    if (hlc !== undefined && hlc !== op.hlc) outcome.restamps.push({ counter: mutation.counter, index, hlc });
  }
  const seq = stored.at(-1)?.seq;
  if (seq !== undefined) outcome.stored.push({ counter: mutation.counter, seq });
  return outcome;
}

/**
 * True when the stored changes are the mutation's ops, in order, leaving out only ops refused when it
 * was first pushed (rules may have changed since, so not today's refusals), each with its own clock or
 * the earlier one it was re-stamped to. Nothing stored (every op was refused) cannot be told apart.
 */
function storedIn(
  stored: readonly { table_name: string; row_id: string; field: string; value: string; hlc: string }[],
  mutation: Mutation,
): boolean {
  let next = 0;
  for (const tuple of mutation.ops) {
    const row = stored[next];
    if (!row) break;
    const op = fromTuple(tuple);
    const same =
      row.table_name === op.table &&
      row.row_id === op.rowId &&
      row.field === op.field &&
      row.value === op.value &&
      row.hlc <= op.hlc;
    if (same) next++;
  }
  return next === stored.length;
}
