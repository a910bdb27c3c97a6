import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/main.ts';
import { APP_VERSION } from '../../db/version.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');

/** Runs the real `rapport` bin as `npx rapport` would, in a child Node process. */
function rapport(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'rapport.js'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the rapport command', () => {
  it('lists every command with --help and exits 0', () => {
    const { code, stdout } = rapport('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: rapport <command>/);
    for (const command of commands) expect(stdout).toContain(`  ${command.name}`);
    expect(stdout).toContain('preview');
  });

  it('prints its version', () => {
    expect(rapport('--version')).toMatchObject({ code: 0, stdout: `${APP_VERSION}\n` });
  });

  it('explains a command’s options with --help', () => {
    const { code, stdout } = rapport('preview', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--data-dir');
    expect(stdout).toContain('--port');
  });

  it('refuses an unknown command with a hint and exit code 2', () => {
    const { code, stderr, stdout } = rapport('frobnicate');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'frobnicate'");
    expect(stderr).toContain('rapport --help');
  });

  it('refuses an unknown flag, a missing value and a bad port, each with a clear message and exit 2', () => {
    const unknown = rapport('preview', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/rapport preview: .*--colour/);
    expect(unknown.stderr).toContain("Run 'rapport preview --help'");

    const missing = rapport('preview', '--data-dir');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--data-dir/);

    const port = rapport('preview', '--port', 'eighty');
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port must be a whole number from 0 to 65535, not 'eighty'");
  });

  it('without arguments prints the usage to stderr and exits 2', () => {
    const { code, stderr } = rapport();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Usage: rapport <command>/);
  });
});
