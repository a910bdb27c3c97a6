/**
 * The Node/V8 options the backend's process starts with (electron/main/app.ts forks it with them, and the
 * import benchmark's backend process too).
 *
 * `--max-semi-space-size=16`: V8 sizes the young generation by the machine's memory (32 MiB semi-spaces
 * on a 24 GiB machine), and a backend that reads rows by the hundred thousand promotes what a smaller
 * young generation would have collected, so its heap grows to 200–290 MiB around 30–40 MiB of live objects
 * and keeps those pages. Importing 100k rows into the 100k-client base (bench/import.ts, runs interleaved
 * in one sitting): peak resident memory 422–425 MiB with 16 MiB semi-spaces against 502–556 MiB without,
 * dry run 6.4–6.6 s against 6.9–10.6 s, import 23.1–23.4 s against 23.0–28.8 s. 8 MiB came to 406–441 MiB
 * but took a tenth to a fifth more processor time.
 */
export const BACKEND_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=16'];
