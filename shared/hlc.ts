/**
 * Hybrid logical clock (SYNC.md). A timestamp is wall-clock milliseconds, a counter and the node id,
 * encoded so that plain string comparison equals clock order:
 * `<ms: 12 base-36 digits>-<counter: 5 base-36 digits>-<node id>`.
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

const MS_DIGITS = 12;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

/** Encodes a clock so that string order is clock order. */
export function encodeHlc(hlc: Hlc): string {
  return `${hlc.ms.toString(36).padStart(MS_DIGITS, '0')}-${hlc.counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}-${hlc.node}`;
}

/** Decodes a clock made by {@link encodeHlc}; throws on anything else. */
export function decodeHlc(text: string): Hlc {
  const match = /^([0-9a-z]{12})-([0-9a-z]{5})-(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) throw new Error(`Not a clock: ${text}`);
  return { ms: parseInt(match[1], 36), counter: parseInt(match[2], 36), node: match[3] };
}

/**
 * A device's clock. `tick()` stamps a local change; `receive()` folds in a remote clock so the next
 * local stamp is later than anything seen. `offsetMs` corrects a laptop whose wall clock is wrong.
 */
export class HybridClock {
  private last: Hlc;
  private readonly node: string;
  private readonly wallClock: () => number;
  offsetMs = 0;

  constructor(node: string, wallClock: () => number = Date.now, last?: string) {
    this.node = node;
    this.wallClock = wallClock;
    this.last = last ? decodeHlc(last) : { ms: 0, counter: 0, node };
  }

  /** A new clock for a local change, strictly greater than every clock issued or received before. */
  tick(): string {
    const physical = this.wallClock() + this.offsetMs;
    if (physical > this.last.ms) this.last = { ms: physical, counter: 0, node: this.node };
    else this.last = { ms: this.last.ms, counter: this.nextCounter(), node: this.node };
    return encodeHlc(this.last);
  }

  /** Folds in a clock seen on a remote change. */
  receive(remote: string): void {
    const r = decodeHlc(remote);
    if (r.ms > this.last.ms || (r.ms === this.last.ms && r.counter > this.last.counter)) {
      this.last = { ms: r.ms, counter: r.counter, node: this.node };
    }
  }

  private nextCounter(): number {
    if (this.last.counter >= MAX_COUNTER) throw new Error('Clock counter overflow: too many changes in 1 ms');
    return this.last.counter + 1;
  }
}
