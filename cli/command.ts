import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests pass buffers. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The environment (its locale picks the language of storage errors); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The values `parseArgs` produced for a command's options. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One `rapport <name>` command. */
export interface Command {
  name: string;
  /** One line for `rapport --help`. */
  summary: string;
  /** Usage lines for `rapport <name> --help`, after `rapport <name>`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Help text for each option, by option name. */
  optionHelp: Record<string, string>;
  allowPositionals?: boolean;
  /** Runs the command; resolves with the process exit code. */
  run(values: OptionValues, positionals: string[], io: CliIo): Promise<number>;
}

/** A mistake in how a command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
