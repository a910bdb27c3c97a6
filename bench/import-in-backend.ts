/**
 * The measured part of bench/import.ts, in a process of its own that holds nothing but the backend, as
 * the desktop app's backend process does (electron/main/app.ts forks it): its resident memory is the
 * backend's, not the benchmark's, whose CSV writing and raw-insert base leave their own pages behind.
 * `fork`ed by bench/import.ts, bundled as the app bundles its backend, with one argument, a JSON
 * {@link ImportRunAsk}; posts one {@link ImportRunAnswer} back.
 */
import { pathToFileURL } from 'node:url';
import { openBackend } from '../db/backend.ts';
import { cpuSince } from './measure.ts';

export interface ImportRunAsk {
  dataDir: string;
  csv: string;
  fileName: string;
  /** A dry run and then the import (and its undo), or the dry run alone. */
  write: boolean;
  /** The backend's worker threads, bundled beside this file (bench/import.ts sets them). */
  workers?: { fit: string };
}

export interface Phase {
  seconds: number;
  rows: number;
  created: number;
  peakMiB: number;
  cpu: string;
  /** The longest time between two progress events, in ms. */
  longestGapMs: number;
}

export interface ImportRunAnswer {
  /** Resident memory once the backend was open and its start-up work (the lifetime-value fit) done. */
  openMiB: number;
  dry: Phase;
  run?: Phase;
  undo?: { seconds: number; cpu: string };
}

const ask = JSON.parse(process.argv[2] ?? '{}') as ImportRunAsk;

/** Runs `work` with its peak RSS (sampled every 50 ms), processor time and longest progress gap. */
async function phase(
  work: (onProgress: () => void) => Promise<{ seconds: number; rows: number; created: number }>,
): Promise<Phase> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpuBefore = process.cpuUsage();
  let last = performance.now();
  let longestGapMs = 0;
  try {
    const report = await work(() => {
      const at = performance.now();
      longestGapMs = Math.max(longestGapMs, at - last);
      last = at;
    });
    return {
      seconds: report.seconds,
      rows: report.rows,
      created: report.created,
      peakMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
      cpu: cpuSince(cpuBefore),
      longestGapMs,
    };
  } finally {
    clearInterval(timer);
  }
}

const backend = await openBackend({
  dataDir: ask.dataDir,
  dailyBackups: false,
  sync: false,
  ...(ask.workers === undefined ? {} : { lifetimeValueWorker: pathToFileURL(ask.workers.fit) }),
});
// The lifetime-value fit a freshly seeded base gets at start runs in a worker of this process: let it
// end first, so it neither shares the cores nor counts in the import's memory. (The worker does not
// keep the process alive; a timer does, meanwhile.)
const alive = setInterval(() => undefined, 1000);
await backend.lifetimeValue.whenIdle();
clearInterval(alive);
const openMiB = process.memoryUsage().rss / 2 ** 20;
const inspected = await backend.transfer.inspect(ask.csv, ask.fileName, {});
const settings = {
  overrides: {},
  mapping: inspected.mapping,
  match: ['email', 'phone'] as const,
  onMatch: 'skip' as const,
};
const dry = await phase((onProgress) =>
  backend.transfer.importFile(ask.csv, ask.fileName, settings, { dryRun: true, onProgress }),
);
const answer: ImportRunAnswer = { openMiB, dry };
if (ask.write) {
  answer.run = await phase((onProgress) =>
    backend.transfer.importFile(
      ask.csv,
      ask.fileName,
      { ...settings, expectedRows: dry.rows },
      { dryRun: false, onProgress },
    ),
  );
  const undo = performance.now();
  const undoCpu = process.cpuUsage();
  await backend.dispatch('history.undo', {});
  answer.undo = { seconds: (performance.now() - undo) / 1000, cpu: cpuSince(undoCpu) };
}
backend.close();
process.send?.(answer);
