import { describe, expect, it } from 'vitest';
import { clockJustAfter } from '../../db/sync/redirect.ts';
import { HybridClock, decodeHlc, encodeHlc } from '../../shared/hlc.ts';

describe('hybrid logical clock', () => {
  it('orders encoded clocks as strings exactly as it orders the clocks', () => {
    const a = encodeHlc({ ms: 1_700_000_000_000, counter: 35, node: 'a' });
    const b = encodeHlc({ ms: 1_700_000_000_000, counter: 36, node: 'a' });
    const c = encodeHlc({ ms: 1_700_000_000_001, counter: 0, node: 'a' });
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(decodeHlc(b)).toEqual({ ms: 1_700_000_000_000, counter: 36, node: 'a' });
  });

  it('keeps issuing increasing stamps when the wall clock stands still or goes back', () => {
    let wall = 1000;
    const clock = new HybridClock('dev1', () => wall);
    const first = clock.tick();
    const second = clock.tick();
    wall = 500;
    const third = clock.tick();
    expect(first < second && second < third).toBe(true);
  });

  it('stamps after a remote clock it has seen, even one far in its future', () => {
    const clock = new HybridClock('dev1', () => 1000);
    const remote = encodeHlc({ ms: 5000, counter: 3, node: 'dev2' });
    clock.receive(remote);
    expect(clock.tick() > remote).toBe(true);
  });

  it('refuses text that is not a clock', () => {
    expect(() => decodeHlc('yesterday')).toThrow(/Not a clock/);
  });
});

describe('the clock of a redirect (db/sync/redirect.ts)', () => {
  const original = encodeHlc({ ms: 1_700_000_000_000, counter: 4, node: '0a1b2c3d4e5f6a7b' });

  it('is just after the redirected clock: later than it, earlier than any later write', () => {
    const after = clockJustAfter(original, 'target-1') ?? '';
    expect(after > original).toBe(true);
    for (const later of [
      encodeHlc({ ms: 1_700_000_000_000, counter: 5, node: '0000000000000000' }),
      encodeHlc({ ms: 1_700_000_000_001, counter: 0, node: '0000000000000000' }),
      encodeHlc({ ms: 1_700_000_000_000, counter: 4, node: '0a1b2c3d4e5f6a7c' }),
    ])
      expect(after < later).toBe(true);
    // A valid clock on the wire, the same on every laptop, apart for different targets.
    expect(after).toMatch(/^[0-9a-z]{12}-[0-9a-z]{5}-[0-9a-z]{1,64}$/);
    expect(clockJustAfter(original, 'target-1')).toBe(after);
    expect(clockJustAfter(original, 'target-2')).not.toBe(after);
  });

  it('stops once a chain of redirects would outgrow what the protocol carries', () => {
    let clock: string | null = original;
    let hops = 0;
    while (clock !== null && hops < 20) {
      clock = clockJustAfter(clock, `hop ${String(hops)}`);
      if (clock !== null) hops++;
    }
    // A 16-character laptop node, 8 characters a hop, at most 64: six hops.
    expect(hops).toBe(6);
  });
});
