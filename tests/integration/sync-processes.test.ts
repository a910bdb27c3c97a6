import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_APPLICATION_NAME } from '../../server/head-listener.ts';
import type { ApiClient } from '../../shared/api/client.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { freshDatabase, postgresAvailable, startPostgres } from '../support/postgres.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
const bin = join(resolve(import.meta.dirname, '..', '..'), 'bin', 'rapport.js');

/** SYNC.md's budget for a change to reach another online laptop. */
const BUDGET_MS = 2000;

let postgres: { url: string; stop(): void } | null = null;
beforeAll(async () => {
  if (!postgresAvailable())
    throw new Error('PostgreSQL 15 is not installed (apt-get install -y postgresql).');
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
});

/** `rapport server start` in its own Node process, on the database at `url`; answers its address. */
async function serverProcess(url: string): Promise<string> {
  const child = spawn(process.execPath, [bin, 'server', 'start', '--database-url', url, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^Rapport sync server: (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${String(code)}): ${stderr}`)));
  });
}

/** A laptop whose sync runs by itself (real timers, the live event stream), like the desktop app. */
async function onlineLaptop(serverUrl: string, email: string, password: string): Promise<ApiClient> {
  const { api } = await openBackend(tempDir(), { dailyBackups: false });
  expect(await api.call('sync.connect', { serverUrl, email, password })).toMatchObject({ state: 'synced' });
  return api;
}

/** How long a client created on `from` takes to show on `to`, nobody pressing sync (ms). */
async function propagation(from: ApiClient, to: ApiClient, name: string, giveUpMs: number): Promise<number> {
  const started = performance.now();
  await from.call('clients.create', { name, kind: 'company' });
  for (;;) {
    const elapsed = performance.now() - started;
    if ((await to.call('clients.list', { limit: 100 })).items.some((c) => c.name === name)) return elapsed;
    if (elapsed > giveUpMs)
      throw new Error(`“${name}” did not reach the other laptop within ${String(giveUpMs)} ms`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

async function listeners(admin: pg.Client): Promise<number> {
  const result = await admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
    [LISTENER_APPLICATION_NAME],
  );
  return Number(result.rows[0]?.n ?? 0);
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`waited ${String(ms)} ms for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

describe('several server processes on one PostgreSQL', { timeout: 120_000 }, () => {
  it('wake each other’s laptops: a change pushed through one process reaches a laptop on another within 2 s, also after the listening connection is cut', async () => {
    const url = await freshDatabase(postgres?.url ?? '');
    expect(
      runRapport(
        'server',
        'create-team',
        '--database-url',
        url,
        '--name',
        'Steppe',
        '--admin-email',
        'a@steppe.kz',
        '--admin-password',
        'password one',
      ),
    ).toMatchObject({ code: 0 });
    expect(
      runRapport(
        'server',
        'add-user',
        '--database-url',
        url,
        '--team',
        'Steppe',
        '--email',
        'b@steppe.kz',
        '--password',
        'password two',
      ),
    ).toMatchObject({ code: 0 });
    const [one, two] = await Promise.all([serverProcess(url), serverProcess(url)]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await until('both processes to listen', async () => (await listeners(admin)) === 2);
      const a = await onlineLaptop(one, 'a@steppe.kz', 'password one');
      const b = await onlineLaptop(two, 'b@steppe.kz', 'password two');
      // Once both event streams are open (a change arriving well before the 30 s round shows it).
      await propagation(a, b, 'Warm-up Client', 10_000);
      await propagation(b, a, 'Warm-up Reply', 10_000);

      const delays: number[] = [];
      for (const round of [1, 2, 3]) {
        delays.push(await propagation(a, b, `Across A→B ${String(round)}`, BUDGET_MS * 3));
        delays.push(await propagation(b, a, `Across B→A ${String(round)}`, BUDGET_MS * 3));
      }
      console.log(`cross-process propagation, ms: ${delays.map((ms) => ms.toFixed(0)).join(', ')}`);
      for (const delay of delays) expect(delay).toBeLessThan(BUDGET_MS);

      // The database drops both listening connections; a change pushed at once still arrives in time.
      const cut = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [LISTENER_APPLICATION_NAME],
      );
      expect(cut.rowCount).toBe(2);
      const afterCut = await propagation(a, b, 'After the cut', BUDGET_MS * 3);
      await until('both processes to listen again', async () => (await listeners(admin)) === 2);
      const afterReconnect = await propagation(b, a, 'After reconnecting', BUDGET_MS * 3);
      console.log(
        `after the listening connections were cut: ${afterCut.toFixed(0)} ms; after they reconnected: ${afterReconnect.toFixed(0)} ms`,
      );
      expect(afterCut).toBeLessThan(BUDGET_MS);
      expect(afterReconnect).toBeLessThan(BUDGET_MS);
    } finally {
      await admin.end();
    }
  });
});
