import { parseArgs } from 'node:util';
import { AppError } from '../shared/api/errors.ts';
import { describeStorageProblem, storageProblemOf } from '../shared/api/storage-problem.ts';
import { catalogs } from '../shared/i18n/index.ts';
import { APP_VERSION } from '../db/version.ts';
import { type CliIo, type Command, UsageError } from './command.ts';
import { cliLanguage } from './language.ts';
import { analyticsCommand } from './commands/analytics.ts';
import { backupCommand } from './commands/backup.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { previewCommand } from './commands/preview.ts';
import { restoreCommand } from './commands/restore.ts';
import { seedCommand } from './commands/seed.ts';
import { serverCommand } from './commands/server.ts';
import { statsCommand } from './commands/stats.ts';

/** Every `rapport` command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  previewCommand,
  backupCommand,
  restoreCommand,
  seedCommand,
  statsCommand,
  importCommand,
  exportCommand,
  analyticsCommand,
  serverCommand,
];

/** Runs `rapport` with `argv` (without node and script); resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(generalHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(generalHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`rapport: unknown command '${name}'. Run 'rapport --help' to see the commands.\n`);
    return 2;
  }
  return runCommand(command, rest, io);
}

async function runCommand(command: Command, argv: string[], io: CliIo): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      strict: true,
      allowPositionals: command.allowPositionals ?? false,
    });
    return await command.run(values, positionals, io);
  } catch (error) {
    return reportFailure(command, error, io);
  }
}

function reportFailure(command: Command, error: unknown, io: CliIo): number {
  if (error instanceof UsageError || isParseArgsError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `rapport ${command.name}: ${message}\nRun 'rapport ${command.name} --help' for its options.\n`,
    );
    return 2;
  }
  if (error instanceof AppError) {
    const storage = storageProblemOf(error);
    if (storage !== undefined) {
      // The disk, the file or the folder failed: say it in the user's language, with the code for scripts.
      const message = describeStorageProblem(storage, catalogs[cliLanguage(io.env ?? process.env)]);
      io.stderr.write(`rapport ${command.name}: ${message} [${error.code}]\n`);
      return 1;
    }
    io.stderr.write(`rapport ${command.name}: ${error.message}\n`);
    return 1;
  }
  io.stderr.write(
    `rapport ${command.name} failed unexpectedly: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 1;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: rapport <command> [options]',
    '',
    'Rapport — the offline-first CRM, from the command line.',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'rapport <command> --help' for a command's options; 'rapport --version' prints the version.",
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(24)}  ${command.optionHelp[name] ?? ''}`;
  });
  return [
    `Usage: rapport ${command.name} ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...flags,
    '',
  ].join('\n');
}
