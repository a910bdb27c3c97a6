import { checkWireChange } from '../shared/entities/wire.ts';
import { type Mutation, type PushResponse, fromTuple } from '../shared/sync/protocol.ts';

/** What the server does with one pushed mutation before storing any of it. */
export interface MutationCheck {
  /** Ops refused, each with its reason (their positions in the mutation). */
  rejected: PushResponse['rejected'];
  /** The whole mutation is refused: one of its values breaks the declaration, so none of it is stored. */
  refusedWhole: boolean;
}

/**
 * Checks every op of a mutation against the entity declarations (shared/entities): its table, and the
 * value's type, allowed values, length, JSON shape, dates and ids. An op on a table this server does not
 * know is refused alone (the rest is kept, as before); a field it does not know is allowed (a newer app's,
 * SYNC.md), unless its value holds NUL, which no stored text may; a value that breaks the rules refuses the whole mutation, naming the field and the rule,
 * because a transaction half stored would be a record half written. Pure: a retried push gets the same.
 */
export function checkMutation(mutation: Mutation): MutationCheck {
  const rejected: PushResponse['rejected'] = [];
  let broken: string | null = null;
  for (const [index, tuple] of mutation.ops.entries()) {
    const op = fromTuple(tuple);
    const verdict = checkWireChange(op.table, op.field, op.value);
    if (!verdict.ok && verdict.unknown === 'table') {
      rejected.push({ counter: mutation.counter, index, reason: verdict.reason });
      continue;
    }
    // No stored text may hold NUL (PostgreSQL refuses it); JSON text never does, a known field or not.
    const reason = op.value.includes('\u0000')
      ? `${op.table}.${op.field}: a value may not hold the NUL character, U+0000 (nul_character)`
      : verdict.ok || verdict.unknown === 'field'
        ? null
        : verdict.reason;
    if (reason === null) continue;
    broken ??= reason;
    rejected.push({ counter: mutation.counter, index, reason });
  }
  if (broken === null) return { rejected, refusedWhole: false };
  const refusedAt = new Set(rejected.map((entry) => entry.index));
  const others = mutation.ops.flatMap((_op, index) =>
    refusedAt.has(index)
      ? []
      : [{ counter: mutation.counter, index, reason: `not stored with the rest of its change: ${broken}` }],
  );
  return { rejected: [...rejected, ...others].sort((a, b) => a.index - b.index), refusedWhole: true };
}
