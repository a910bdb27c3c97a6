import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const bin = join(resolve(import.meta.dirname, '..', '..'), 'bin', 'rapport.js');

// These tests start the CLI a dozen times, one after the other: each start takes seconds on a busy machine.
describe('rapport server', { timeout: 60_000 }, () => {
  it('creates a team and users, serves logins, lists and revokes devices, and stops gracefully', async () => {
    const dir = tempDir();
    expect(
      runRapport(
        'server',
        'create-team',
        '--data-dir',
        dir,
        '--name',
        'Steppe',
        '--admin-email',
        'a@steppe.kz',
        '--admin-password',
        'long enough 1',
      ),
    ).toMatchObject({ code: 0, stdout: 'Created team “Steppe” with admin a@steppe.kz.\n' });
    expect(
      runRapport(
        'server',
        'add-user',
        '--data-dir',
        dir,
        '--team',
        'Steppe',
        '--email',
        'b@steppe.kz',
        '--password',
        'long enough 2',
      ),
    ).toMatchObject({ code: 0 });
    const duplicate = runRapport(
      'server',
      'add-user',
      '--data-dir',
      dir,
      '--team',
      'Steppe',
      '--email',
      'b@steppe.kz',
      '--password',
      'long enough 3',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already has an account');
    expect(
      runRapport(
        'server',
        'add-user',
        '--data-dir',
        dir,
        '--team',
        'Nowhere',
        '--email',
        'c@x.kz',
        '--password',
        'long enough 4',
      ).stderr,
    ).toContain('There is no team named “Nowhere”');
    expect(
      runRapport(
        'server',
        'add-user',
        '--data-dir',
        dir,
        '--team',
        'Steppe',
        '--email',
        'c@x.kz',
        '--password',
        'short',
      ).stderr,
    ).toContain('at least 8 characters');

    const child = spawn(process.execPath, [bin, 'server', 'start', '--data-dir', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const url = await new Promise<string>((done) => {
      lines.on('line', (line) => {
        const match = /^Rapport sync server: (http:\/\/\S+)$/.exec(line);
        if (match?.[1]) done(match[1]);
      });
    });
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    const deviceId = '0190a5b2-0000-7000-8000-0000000000aa';
    const login = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'B@Steppe.kz',
        password: 'long enough 2',
        deviceId,
        deviceName: 'Field laptop',
      }),
    });
    expect(login.status).toBe(200);

    const devices = runRapport('server', 'devices', '--data-dir', dir);
    expect(devices.stdout).toContain(`${deviceId}  b@steppe.kz  Field laptop`);
    expect(runRapport('server', 'revoke-device', '--data-dir', dir, '--device', deviceId).code).toBe(0);
    expect(runRapport('server', 'devices', '--data-dir', dir).stdout).toContain('REVOKED');
    expect(runRapport('server', 'disable-user', '--data-dir', dir, '--email', 'a@steppe.kz').code).toBe(0);
    const disabled = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'a@steppe.kz',
        password: 'long enough 1',
        deviceId: '0190a5b2-0000-7000-8000-0000000000ab',
        deviceName: 'x',
      }),
    });
    expect(disabled.status).toBe(403);

    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains what is missing', () => {
    expect(runRapport('server').stderr).toContain('say what to do: start, create-team');
    expect(runRapport('server', 'start').stderr).toContain(
      '--data-dir DIR (or --database-url postgres://…) is required',
    );
    expect(runRapport('server', 'create-team', '--data-dir', tempDir()).stderr).toContain(
      '--name is required',
    );
    expect(runRapport('server', 'start', '--database-url', 'mysql://x').stderr).toContain(
      'must start with postgres://',
    );
    const unreachable = runRapport(
      'server',
      'devices',
      '--database-url',
      'postgres://me:secret@127.0.0.1:1/db',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('PostgreSQL cannot be reached at postgres://me:***@127.0.0.1:1/db');
    expect(unreachable.stderr).not.toContain('secret');
  });
});

describe('rapport server over TLS', () => {
  it('serves HTTPS with the given certificate and key', async () => {
    const dir = tempDir();
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const child = spawn(
      process.execPath,
      [bin, 'server', 'start', '--data-dir', dir, '--port', '0', '--tls-cert', cert, '--tls-key', key],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const url = await new Promise<string>((done) => {
        lines.on('line', (line) => {
          const match = /^Rapport sync server: (https:\/\/\S+)$/.exec(line);
          if (match?.[1]) done(match[1]);
        });
      });
      const health = await new Promise<number>((done, fail) => {
        https
          .get(`${url}/v1/health`, { ca: readFileSync(cert) }, (response) => {
            response.resume();
            done(response.statusCode ?? 0);
          })
          .on('error', fail);
      });
      expect(health).toBe(200);
      // Plain HTTP to the same port is not answered as HTTP.
      await expect(fetch(url.replace('https:', 'http:') + '/v1/health')).rejects.toThrow();
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('needs both the certificate and the key', () => {
    const run = runRapport('server', 'start', '--data-dir', tempDir(), '--tls-cert', 'cert.pem');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give both --tls-cert and --tls-key');
  });
});
