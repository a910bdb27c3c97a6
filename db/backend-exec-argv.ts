/**
 * The Node/V8 options the backend's process starts with (electron/main/app.ts forks it with them, and the
 * import benchmark's backend process too).
 *
 * `--max-semi-space-size=8`: V8 sizes the young generation by the machine's memory (32 MiB semi-spaces
 * here), and a backend that reads rows by the hundred thousand promotes what a smaller young generation
 * would have collected, so its heap grows to 200–290 MiB around 30–40 MiB of live objects and keeps those
 * pages. With 8 MiB, importing 100k rows into the 100k-client base ran in the same time (dry run 7.0–7.3 s
 * against 7.0–7.8 s, import 23.4–23.9 s against 23.2–25.2 s, three runs each, interleaved) at 357–387 MiB
 * resident after the dry run and 416–438 MiB after the import, against 479–489 and 509–532 MiB.
 */
export const BACKEND_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];
