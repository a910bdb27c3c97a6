import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `rapport` bin as `npx rapport` would, in a child Node process. */
export function runRapport(...args: string[]): CliRun {
  return runRapportWith({}, ...args);
}

/** The same, with these variables added to the environment (a locale, RAPPORT_LANG, …). */
export function runRapportWith(env: NodeJS.ProcessEnv, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'rapport.js'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
