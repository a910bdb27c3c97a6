/**
 * `npm run bench` (sync part): a real server on 127.0.0.1 (SQLite) and real laptops (the app's backend
 * through its API). Measures the first sync of a new laptop into a team of 100k clients, the bytes one
 * changed field costs on the wire, how fast a change reaches another online laptop, and a laptop catching
 * up 5k changes after a week offline. Writes bench/results/sync.json. Budgets from SYNC.md.
 *
 *   node bench/sync.ts [--clients N]
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../db/backend.ts';
import { createDirectClient } from '../db/direct-client.ts';
import { buildServer } from '../server/app.ts';
import { SyncService } from '../server/service.ts';
import { openSqliteStore } from '../server/store.ts';
import type { ApiClient } from '../shared/api/client.ts';
import { encodeHlc } from '../shared/hlc.ts';
import { type Result, capped, machine, percentiles, rated, table, timed } from './measure.ts';

const { values: flags } = parseArgs({ options: { clients: { type: 'string', default: '100000' } } });
const CLIENTS = Number(flags.clients);
const BUDGET = { initialApplyS: 5, bytesPerChange: 200, propagationMs: 2000, catchUpS: 15 };
const SILENT = { info() {}, warn() {}, error() {} };
const results: Result[] = [];

const root = mkdtempSync(join(tmpdir(), 'rapport-bench-sync-'));
const serverFile = join(root, 'server.db');
const store = await openSqliteStore(serverFile);
const service = new SyncService({ store });
await service.createTeam({ name: 'Bench', adminEmail: 'a@bench.kz', adminPassword: 'bench password' });
await service.addUser({ team: 'Bench', email: 'b@bench.kz', password: 'bench password', role: 'member' });
// The other measures run in a small team, so their laptops need not download the big one first.
await service.createTeam({ name: 'Small', adminEmail: 'a@small.kz', adminPassword: 'bench password' });
await service.addUser({ team: 'Small', email: 'c@small.kz', password: 'bench password', role: 'member' });
let bytesIn = 0;
const app = buildServer({ service });
app.addHook('onRequest', (request, _reply, done) => {
  bytesIn += Number(request.headers['content-length'] ?? 0);
  done();
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no address');
const serverUrl = `http://127.0.0.1:${String(address.port)}`;

// --- The team's history: CLIENTS clients written straight into the server's log and states.
{
  const started = performance.now();
  const sqlite = new BetterSqlite3(serverFile);
  const teamId = (sqlite.prepare("SELECT id FROM team WHERE name = 'Bench'").get() as { id: string }).id;
  const change = sqlite.prepare(
    `INSERT INTO change (team_id, table_name, row_id, field, value, hlc, device_id, counter, received_at)
     VALUES (?, 'client', ?, ?, ?, ?, 'bench-device', ?, ?)`,
  );
  const state = sqlite.prepare(
    `INSERT INTO field_state (team_id, table_name, row_id, field, value, hlc) VALUES (?, 'client', ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  const base = Date.now() - 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < CLIENTS; i++) {
      const id = randomUUID();
      const hlc = encodeHlc({ ms: base + i, counter: 0, node: 'bench' });
      const fields: [string, unknown][] = [
        ['created_at', now],
        ['name', `Bench Client ${String(i)}`],
        ['kind', i % 3 === 0 ? 'person' : 'company'],
        ['stage', 'active'],
        ['vip', i % 10 === 0 ? 1 : 0],
        ['segment', `Segment ${String(i % 7)}`],
        ['region', `Region ${String(i % 5)}`],
        ['notes', `Notes about client ${String(i)}`],
      ];
      for (const [field, value] of fields) {
        change.run(teamId, id, field, JSON.stringify(value), hlc, i + 1, now);
        state.run(teamId, id, field, JSON.stringify(value), hlc);
      }
    }
  })();
  sqlite.close();
  process.stderr.write(
    `Server filled with ${String(CLIENTS)} clients in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** What the laptops logged about first syncs (rows, pages, time spent applying). */
const firstSyncs: Record<string, unknown>[] = [];
const LOGGER = {
  ...SILENT,
  info(message: string, fields?: Record<string, unknown>) {
    if (message === 'first sync from a snapshot' && fields) firstSyncs.push(fields);
  },
};

async function laptop(email: string, timers?: 'real'): Promise<{ api: ApiClient; close(): void }> {
  const dataDir = mkdtempSync(join(root, 'laptop-'));
  const backend = await openBackend({
    dataDir,
    logger: LOGGER,
    dailyBackups: false,
    ...(timers === 'real' ? {} : { timers: { setTimeout: () => ({}), clearTimeout: () => undefined } }),
  });
  const api = createDirectClient(backend);
  return { api, close: () => backend.close() };
}

try {
  // --- 1. A new laptop's first sync: snapshot of every client, applied locally.
  const fresh = await laptop('b@bench.kz');
  const started = performance.now();
  const status = await fresh.api.call('sync.connect', {
    serverUrl,
    email: 'b@bench.kz',
    password: 'bench password',
  });
  const seconds = (performance.now() - started) / 1000;
  if (status.state !== 'synced') throw new Error(`first sync failed: ${status.lastError ?? status.state}`);
  const count = (await fresh.api.call('clients.list', { limit: 1 })).items.length;
  if (count === 0) throw new Error('the first sync brought no clients');
  const applyMs = Number(firstSyncs[0]?.applyMs);
  if (!Number.isFinite(applyMs)) throw new Error('the first sync did not come from a snapshot');
  results.push(
    capped(
      `first sync of ${String(CLIENTS / 1000)}k clients: local apply`,
      applyMs / 1000,
      's',
      BUDGET.initialApplyS,
      'SYNC.md budget: writing the snapshot pages here, then indexes, rollups and search (download excluded)',
    ),
    rated(`first sync of ${String(CLIENTS / 1000)}k clients: records/s`, CLIENTS / seconds, 'records/s'),
    capped(
      `first sync of ${String(CLIENTS / 1000)}k clients: download + local apply`,
      seconds,
      's',
      BUDGET.initialApplyS,
      'gzip snapshot pages over HTTP (server in the same process); rows inserted, then indexes, rollups and search built once',
    ),
  );

  // --- 2. Bytes on the wire for one changed field.
  const writer = await laptop('a@small.kz');
  await writer.api.call('sync.connect', { serverUrl, email: 'a@small.kz', password: 'bench password' });
  const client = await writer.api.call('clients.create', { name: 'Wire', kind: 'company' });
  await writer.api.call('sync.now', {});
  bytesIn = 0;
  await writer.api.call('clients.update', { id: client.id, notes: 'Call back on Monday' });
  const before = bytesIn;
  await writer.api.call('sync.now', {});
  const pushBytes = bytesIn - before;
  results.push(
    capped(
      'one changed field: bytes pushed',
      pushBytes,
      'bytes',
      BUDGET.bytesPerChange,
      'request body, JSON, uncompressed',
    ),
  );

  // --- 3. Propagation between two online laptops (live events, real timers).
  const one = await laptop('c@small.kz', 'real');
  await one.api.call('sync.connect', { serverUrl, email: 'c@small.kz', password: 'bench password' });
  const two = await laptop('a@small.kz', 'real');
  await two.api.call('sync.connect', { serverUrl, email: 'a@small.kz', password: 'bench password' });
  await new Promise((r) => setTimeout(r, 300));
  const latencies: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await one.api.call('clients.update', { id: client.id, notes: `Propagation ${String(i)}` });
    for (;;) {
      if ((await two.api.call('clients.get', { id: client.id })).notes === `Propagation ${String(i)}`) break;
      if (performance.now() - t0 > 30_000) throw new Error('a change did not propagate within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.push(performance.now() - t0);
  }
  results.push(
    timed(
      'propagation between two online laptops',
      percentiles(latencies),
      BUDGET.propagationMs,
      'edit on one laptop until the other shows it: debounce, push, event, pull, apply',
    ),
  );
  one.close();
  two.close();

  // --- 4. A week offline: 5k changes made without a network, then one sync.
  const offline = await laptop('c@small.kz');
  await offline.api.call('sync.connect', { serverUrl, email: 'c@small.kz', password: 'bench password' });
  const mine = await offline.api.call('clients.create', { name: 'Field trip', kind: 'company' });
  for (let i = 0; i < 5000; i++) {
    await offline.api.call('clients.update', { id: mine.id, notes: `Visit note ${String(i)}` });
  }
  const t0 = performance.now();
  const caught = await offline.api.call('sync.now', {});
  const catchUp = (performance.now() - t0) / 1000;
  if (caught.state !== 'synced' || caught.pending !== 0)
    throw new Error(`catch-up failed: ${caught.lastError ?? caught.state}`);
  results.push(capped('5k changes after a week offline: one sync', catchUp, 's', BUDGET.catchUpS));
  offline.close();
  writer.close();
  fresh.close();
} finally {
  await app.close();
  await store.close();
  rmSync(root, { recursive: true, force: true });
}

const out = resolve(import.meta.dirname, 'results', 'sync.json');
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), clients: CLIENTS, results }, null, 2)}\n`,
);
process.stdout.write(
  `\nSync benchmarks (${String(CLIENTS)} clients)\n\n${table(results)}\n\nWritten to ${out}\n`,
);
if (results.some((r) => r.ok === false)) process.exitCode = 1;
