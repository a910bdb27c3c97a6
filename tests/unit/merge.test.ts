import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc.ts';
import { type FieldState, mergeField } from '../../shared/sync/merge.ts';
import { Random } from '../../db/seed/random.ts';

/**
 * Random writes to one field from a few devices with close clocks (often the same millisecond). A clock
 * names one write, so no two writes share one (the counter makes each unique here).
 */
function randomWrites(random: Random, count: number): FieldState[] {
  return Array.from({ length: count }, (_, i) => ({
    value: JSON.stringify(random.pick(['a', 'b', 'c', null, 42])),
    hlc: encodeHlc({
      ms: 1_700_000_000_000 + random.int(0, 3),
      counter: i,
      node: random.pick(['n1', 'n2', 'n3']),
    }),
  }));
}

const fold = (writes: readonly FieldState[]) =>
  writes.reduce<FieldState | undefined>((state, write) => mergeField(state, write), undefined);

describe('the merge rule (field-level last-writer-wins by HLC)', () => {
  it('is commutative, associative and idempotent: any order, grouping or repetition gives the same field', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = new Random(seed);
      const writes = randomWrites(random, random.int(1, 12));
      const expected = fold(writes);
      const shuffled = [...writes].sort(() => random.next() - 0.5);
      const doubled = [...writes, ...shuffled];
      expect(fold(shuffled), `seed ${String(seed)}`).toEqual(expected);
      expect(fold(doubled), `seed ${String(seed)}`).toEqual(expected);
      const cut = random.int(0, writes.length);
      const left = fold(writes.slice(0, cut));
      const right = fold(writes.slice(cut));
      const grouped = left && right ? mergeField(left, right) : (left ?? right);
      expect(grouped, `seed ${String(seed)}`).toEqual(expected);
      const newest = [...writes].sort((a, b) => (a.hlc < b.hlc ? 1 : -1))[0];
      expect(expected?.hlc).toBe(newest?.hlc);
    }
  });

  it('keeps the current value when the same write arrives again', () => {
    const write = { value: '"x"', hlc: encodeHlc({ ms: 5, counter: 0, node: 'a' }) };
    expect(mergeField(write, { ...write })).toEqual(write);
  });
});
