import { describe, expect, it } from 'vitest';
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
