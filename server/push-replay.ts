import type { Kysely } from 'kysely';
import { type Mutation, type PushResponse, fromTuple } from '../shared/sync/protocol.ts';
import { checkMutation } from './check-mutation.ts';
import type { ServerDatabase } from './schema.ts';

/** What a push answers about its mutations. */
export type PushOutcome = Pick<PushResponse, 'restamps' | 'rejected' | 'stored'>;

/**
 * What the push of a stored mutation answered, recovered from the change log, for a device whose push
 * was stored but whose reply was lost: its ops were stored in order (the refused ones left out), so the
 * n-th stored change is the n-th accepted op.
 */
export async function storedOutcome(
  trx: Kysely<ServerDatabase>,
  deviceId: string,
  mutation: Mutation,
): Promise<PushOutcome> {
  const stored = await trx
    .selectFrom('change')
    .select(['hlc', 'seq'])
    .where('device_id', '=', deviceId)
    .where('counter', '=', mutation.counter)
    .orderBy('seq')
    .execute();
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
