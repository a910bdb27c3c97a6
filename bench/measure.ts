import { cpus, loadavg, totalmem } from 'node:os';

/** Percentiles of a set of timings, in milliseconds. */
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** One benchmark result: a timing or a rate, with its budget from ARCHITECTURE.md when it has one. */
export interface Result {
  name: string;
  timing?: Timing;
  /** For throughputs: the rate and its unit. */
  rate?: { value: number; unit: string };
  /** The budget: p95 at most `maxP95Ms`, a rate at least `minRate`, or a value at most `maxValue`. */
  budget?: { maxP95Ms?: number; minRate?: number; maxValue?: number };
  ok: boolean | null;
  note?: string;
}

/** Runs `work` `runs` times after `warmup` unmeasured runs; returns the percentiles of its wall time. */
export async function time(
  runs: number,
  work: (i: number) => unknown,
  warmup = Math.min(20, runs),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/** p50, p95 and the maximum of measured milliseconds. */
export function percentiles(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { runs: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? 0) };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A timing against a p95 budget. */
export function timed(name: string, timing: Timing, maxP95Ms?: number, note?: string): Result {
  return {
    name,
    timing,
    ...(maxP95Ms === undefined ? {} : { budget: { maxP95Ms } }),
    ok: maxP95Ms === undefined ? null : timing.p95 <= maxP95Ms,
    ...(note === undefined ? {} : { note }),
  };
}

/** A rate against a minimum. */
export function rated(name: string, value: number, unit: string, minRate?: number, note?: string): Result {
  return {
    name,
    rate: { value: Math.round(value), unit },
    ...(minRate === undefined ? {} : { budget: { minRate } }),
    ok: minRate === undefined ? null : value >= minRate,
    ...(note === undefined ? {} : { note }),
  };
}

/** A measured quantity (seconds, bytes) against a maximum. */
export function capped(name: string, value: number, unit: string, maxValue: number, note?: string): Result {
  return {
    name,
    rate: { value: round(value, 2), unit },
    budget: { maxValue },
    ok: value <= maxValue,
    ...(note === undefined ? {} : { note }),
  };
}

/** The results as a table for people. */
export function table(results: readonly Result[]): string {
  const rows = results.map((r) => [
    r.name,
    r.timing ? String(r.timing.p50) : '',
    r.timing ? String(r.timing.p95) : r.rate ? `${String(r.rate.value)} ${r.rate.unit}` : '',
    r.budget?.maxP95Ms !== undefined
      ? `<= ${String(r.budget.maxP95Ms)} ms`
      : r.budget?.minRate !== undefined
        ? `>= ${String(r.budget.minRate)}`
        : r.budget?.maxValue !== undefined
          ? `<= ${String(r.budget.maxValue)} ${r.rate?.unit ?? ''}`
          : '',
    r.ok === null ? '' : r.ok ? 'ok' : 'OVER',
  ]);
  const header = ['measure', 'p50 ms', 'p95 ms / rate', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** What the numbers were measured on. */
export function machine(): Record<string, string | number> {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Processor seconds since `before`, with the load, as a note: it moves less than wall time on a shared machine. */
export function cpuSince(before: NodeJS.CpuUsage): string {
  const { user, system } = process.cpuUsage(before);
  return `${((user + system) / 1e6).toFixed(1)} s of processor time; load ${loadavg()[0]?.toFixed(1) ?? '?'}`;
}
