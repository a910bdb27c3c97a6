import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError, type ErrorCode } from '../../shared/api/errors.ts';

/** Where an export writes: chunks go out with back-pressure, so a slow disk never fills memory. */
export interface OutputSink {
  /** The file's stream, for writers that pipe into it (the xlsx zip); they must not end it. */
  readonly stream: Writable;
  write(chunk: string | Buffer): Promise<void>;
}

/**
 * Writes a file through `write` into a temporary file beside `out`, then renames it to `out`: a cancelled
 * or failed export leaves no half file, and a reader of `out` sees the old file or the whole new one.
 * The data is flushed to disk before the rename. Returns the full path and size of the file.
 */
export async function writeFileAtomically(
  out: string,
  write: (sink: OutputSink) => Promise<void>,
): Promise<{ file: string; bytes: number }> {
  const file = resolve(out);
  const temporary = join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.part`);
  await refuseFolder(file);
  // `flush` syncs the data to disk before the file is closed, so the rename never exposes a hole.
  const stream = createWriteStream(temporary, { flags: 'wx', flush: true });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw outputError(error, file);
  }
  try {
    await write(sinkOf(stream));
    stream.end();
    await once(stream, 'close');
    await rename(temporary, file);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw outputError(error, file);
  }
  return { file, bytes: (await stat(file)).size };
}

function sinkOf(stream: Writable): OutputSink {
  // A failed write (a full disk) is kept and thrown at the next one, never left as an unhandled event.
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  return {
    stream,
    async write(chunk) {
      if (failure !== undefined) throw failure;
      // `once` rejects when the stream fails meanwhile, so a writer never waits forever for `drain`.
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
  };
}

async function refuseFolder(file: string): Promise<void> {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new AppError('validation', `${file} is a folder: give the name of the file to write.`, {
      exportProblem: 'is_folder',
      file,
    });
  }
}

/** What went wrong with the output file, said so the user can act; other errors pass unchanged. */
function outputError(error: unknown, file: string): unknown {
  if (error instanceof AppError || !(error instanceof Error) || !('code' in error)) return error;
  const folder = dirname(file);
  const problems: Record<string, [ErrorCode, string, string]> = {
    ENOENT: [
      'not_found',
      'no_folder',
      `The folder ${folder} does not exist: choose another place for ${basename(file)}.`,
    ],
    EACCES: [
      'read_only',
      'not_writable',
      `Rapport may not write to ${folder}: choose a folder you can write to.`,
    ],
    EPERM: [
      'read_only',
      'not_writable',
      `Rapport may not write to ${folder}: choose a folder you can write to.`,
    ],
    EROFS: [
      'read_only',
      'not_writable',
      `${folder} is on a read-only disk: choose a folder you can write to.`,
    ],
    ENOTDIR: [
      'not_found',
      'no_folder',
      `${folder} is not a folder: choose another place for ${basename(file)}.`,
    ],
    ENOSPC: [
      'disk_full',
      'disk_full',
      `The disk of ${folder} is full: free some space, or choose another disk.`,
    ],
    EDQUOT: [
      'disk_full',
      'disk_full',
      `The disk of ${folder} is full: free some space, or choose another disk.`,
    ],
  };
  const known = problems[String(error.code)];
  if (!known) return error;
  const [code, problem, message] = known;
  return new AppError(code, message, { exportProblem: problem, file });
}
