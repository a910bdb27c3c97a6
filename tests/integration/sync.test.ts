import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { openDatabase } from '../../db/open-database.ts';
import { login } from '../../db/sync/sync-client.ts';
import { LOGIN_LIMITS } from '../../server/login-limits.ts';
import type { SyncService } from '../../server/service.ts';
import { stillTimers, useSyncTeam } from '../support/sync-team.ts';

const { tempDir, openBackend, startServer, laptop, twoLaptops } = useSyncTeam();

describe('two laptops and one server', () => {
  it('a client created on one laptop appears on the other with every field, history and search', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', {
      name: 'Қарағанды Көмір',
      kind: 'company',
      stage: 'active',
      vip: true,
      segment: 'Mining',
      address: { city: 'Қарағанды', street: 'Бұқар жырау 10' },
      notes: 'Pays on time.',
    });
    await a.api.call('contacts.create', {
      clientId: client.id,
      name: 'Ерлан',
      phones: [{ value: '+7 701 555 12 34' }],
    });
    await a.api.call('interactions.log', { clientId: client.id, kind: 'call', summary: 'Intro call' });
    // A record's creation is one change (the client's stage one more), whatever fields it has.
    expect((await a.api.call('sync.status', {})).pending).toBeGreaterThanOrEqual(4);
    expect(await a.sync()).toMatchObject({ state: 'synced', pending: 0 });
    await b.sync();

    const copy = await b.api.call('clients.get', { id: client.id });
    expect(copy).toMatchObject({
      name: 'Қарағанды Көмір',
      stage: 'active',
      vip: true,
      segment: 'Mining',
      address: { city: 'Қарағанды', street: 'Бұқар жырау 10' },
      notes: 'Pays on time.',
      createdAt: client.createdAt,
    });
    // Derived data on the receiving laptop follows: rollups and search.
    expect(copy.lastContactAt).not.toBeNull();
    const found = await b.api.call('search.query', { text: '5551234' });
    expect(found.groups.flatMap((g) => g.items.map((i) => i.title))).toContain('Ерлан');
    const history = await b.api.call('history.forRecord', { entity: 'client', id: client.id });
    expect(history.items.every((change) => change.origin === 'remote')).toBe(true);
    // The laptop that received it is told to refresh, and has nothing to send back.
    expect(await b.sync()).toMatchObject({ state: 'synced', pending: 0, conflicts: 0 });
  });

  it('offline edits to different fields of the same client both survive', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Bolt', kind: 'company' });
    await a.sync();
    await b.sync();
    await a.api.call('clients.update', { id: client.id, notes: 'Wants a discount' });
    await b.api.call('clients.update', { id: client.id, stage: 'lead', segment: 'Retail' });
    await a.sync();
    await b.sync();
    await a.sync();
    for (const api of [a.api, b.api]) {
      expect(await api.call('clients.get', { id: client.id })).toMatchObject({
        notes: 'Wants a discount',
        stage: 'lead',
        segment: 'Retail',
      });
    }
  });

  it('a concurrent edit of the same note keeps the newer and records the other as a conflict', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Nomad', kind: 'company' });
    await a.sync();
    await b.sync();
    await a.api.call('clients.update', { id: client.id, notes: 'Written on laptop A' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.api.call('clients.update', { id: client.id, notes: 'Written on laptop B, later' });
    await a.sync();
    await b.sync();
    expect(await a.sync()).toMatchObject({ conflicts: 1 });
    for (const api of [a.api, b.api]) {
      expect((await api.call('clients.get', { id: client.id })).notes).toBe('Written on laptop B, later');
    }
    const { items } = await a.api.call('sync.conflicts', {});
    expect(items).toMatchObject([
      {
        entity: 'client',
        recordId: client.id,
        field: 'notes',
        lost: 'Written on laptop A',
        kept: 'Written on laptop B, later',
      },
    ]);
    // "Combine" writes both texts as a new change, which reaches the other laptop.
    const conflict = items[0];
    if (!conflict) throw new Error('no conflict');
    await a.api.call('sync.resolveConflict', {
      id: conflict.id,
      choice: 'combined',
      text: 'A and B together',
    });
    expect((await a.api.call('sync.conflicts', {})).items).toEqual([]);
    await a.sync();
    await b.sync();
    expect((await b.api.call('clients.get', { id: client.id })).notes).toBe('A and B together');
  });

  it('a teammate’s later edit of a note is its next version, not a conflict; a simultaneous one is', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', {
      name: 'Sequential',
      kind: 'company',
      notes: 'First',
    });
    await a.sync();
    await b.sync();
    await b.api.call('clients.update', { id: client.id, notes: 'Second, after reading the first' });
    await b.sync();
    await a.sync();
    await a.api.call('clients.update', { id: client.id, notes: 'Third, after reading the second' });
    await a.sync();
    await b.sync();
    for (const laptop of [a, b]) {
      expect((await laptop.api.call('clients.get', { id: client.id })).notes).toBe(
        'Third, after reading the second',
      );
      expect((await laptop.api.call('sync.conflicts', {})).items).toEqual([]);
    }
    // Now both type at once (which one the clocks keep is theirs to decide): each laptop keeps the
    // text that lost, to show.
    await a.api.call('clients.update', { id: client.id, notes: 'Fourth from a' });
    await b.api.call('clients.update', { id: client.id, notes: 'Fourth from b' });
    await a.sync();
    await b.sync();
    await a.sync();
    const kept = (await a.api.call('clients.get', { id: client.id })).notes;
    expect((await b.api.call('clients.get', { id: client.id })).notes).toBe(kept);
    const lost = kept === 'Fourth from a' ? 'Fourth from b' : 'Fourth from a';
    for (const laptop of [a, b]) {
      const { items } = await laptop.api.call('sync.conflicts', {});
      expect(items.map((c) => [c.kept, c.lost])).toEqual([[kept, lost]]);
    }
  });

  it('a deletion syncs, and so does the undo that brings the client back', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Temporary', kind: 'person' });
    await a.sync();
    await b.sync();
    await a.api.call('clients.delete', { id: client.id });
    await a.sync();
    await b.sync();
    expect((await b.api.call('clients.list', {})).items).toEqual([]);
    await a.api.call('history.undo', {});
    await a.sync();
    await b.sync();
    expect((await b.api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Temporary']);
  });
});

describe('what the server refuses', () => {
  it('stores a retried push once, and answers the retry with the same re-stamped clocks', async () => {
    const { server, a } = await twoLaptops();
    const tag = '0190a5b2-0000-7000-8000-000000000001';
    const body = {
      mutations: [
        {
          counter: 7,
          ops: [
            ['tag', tag, 'name', '"VIP"', '00000000000a-00000-abc'],
            ['nosuch', tag, 'name', '"x"', '00000000000a-00000-abc'],
            ['tag', tag, 'color', '"#ff0000"', 'zzzzzzzzzzzz-00000-abc'],
          ],
        },
      ],
    };
    const push = () =>
      fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.tokens.accessToken}` },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ ackedCounter: number; headSeq: number; restamps: unknown[] }>);
    const first = await push();
    const second = await push();
    expect(first.ackedCounter).toBe(7);
    // The clock from far in the future was re-stamped; a device whose reply was lost must learn it too.
    expect(first.restamps).toEqual([
      { counter: 7, index: 2, hlc: expect.stringMatching(/-server$/) as unknown },
    ]);
    expect(second).toEqual(first);
  });

  it('speaks gzip both ways, and refuses damaged, unknown and oversized compressed bodies', async () => {
    const { server, a } = await twoLaptops();
    for (let i = 0; i < 20; i++)
      await a.api.call('clients.create', { name: `Gzip ${String(i)}`, kind: 'company' });
    await a.sync();
    const auth = { authorization: `Bearer ${a.tokens.accessToken}` };
    const pulled = await fetch(`${server.url}/v1/sync/pull?cursor=0`, {
      headers: { ...auth, 'accept-encoding': 'gzip' },
    });
    expect(pulled.headers.get('content-encoding')).toBe('gzip');
    expect(((await pulled.json()) as { changes: unknown[] }).changes.length).toBeGreaterThan(20);
    const plain = await fetch(`${server.url}/v1/sync/pull?cursor=0`, {
      headers: { ...auth, 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();

    const tag = '0190a5b2-0000-7000-8000-0000000000a1';
    const push = (data: Buffer | string, encoding: string) =>
      fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'content-encoding': encoding },
        body: typeof data === 'string' ? data : new Uint8Array(data),
      });
    const mutation = (counter: number, name: string) =>
      JSON.stringify({
        mutations: [{ counter, ops: [['tag', tag, 'name', JSON.stringify(name), '00000000000a-00000-abc']] }],
      });
    const teamId = (await teamOf(server, 'aigerim@steppe.kz')) ?? '';
    const head = async () =>
      (await server.service.info({ teamId, userId: '', deviceId: '', exp: 0 })).headSeq;
    const before = await head();
    expect((await push(gzipSync(mutation(9_000_001, 'Zipped')), 'gzip')).status).toBe(200);
    expect(await head()).toBe(before + 1);
    const damaged = await push(Buffer.from('not gzip at all'), 'gzip');
    expect(damaged.status).toBe(400);
    expect(await damaged.json()).toMatchObject({ error: { code: 'bad_gzip' } });
    expect((await push(mutation(9_000_002, 'Br'), 'br')).status).toBe(415);
    // 2 MB of spaces compress to a few kilobytes: the limit counts what it unpacks to.
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from(mutation(9_000_003, 'Bomb').slice(0, -1)),
        Buffer.alloc(2 << 20, 32),
        Buffer.from('}'),
      ]),
    );
    expect(bomb.length).toBeLessThan(10_000);
    expect((await push(bomb, 'gzip')).status).toBe(413);
    expect(await head()).toBe(before + 1);
  });

  it('keeps teams apart: another team sees nothing and cannot touch this one', async () => {
    const { server, a } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Secret Client', kind: 'company' });
    await a.sync();
    await server.service.createTeam({
      name: 'Rivals',
      adminEmail: 'boss@rivals.kz',
      adminPassword: 'rival pass 1',
    });
    const rival = await laptop(server.url, 'boss@rivals.kz', 'rival pass 1');
    await rival.sync();
    expect((await rival.api.call('clients.list', {})).items).toEqual([]);
    // A write to the same row id lands in the rival's own team only.
    const forged = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rival.tokens.accessToken}` },
      body: JSON.stringify({
        mutations: [
          {
            counter: 1,
            ops: [['client', client.id, 'name', '"Hacked"', 'zzzzzzzzzzzz-00000-x']],
          },
        ],
      }),
    });
    expect(forged.status).toBe(200);
    await a.sync();
    expect((await a.api.call('clients.get', { id: client.id })).name).toBe('Secret Client');
    // A push cannot name a device: it is always the one the token was made for.
    const other = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rival.tokens.accessToken}` },
      body: JSON.stringify({ deviceId: a.deviceId, mutations: [] }),
    });
    expect(other.status).toBe(400);
  });

  it('refuses forged, expired and revoked tokens, wrong passwords, and too many attempts', async () => {
    let offset = 0;
    const server = await startServer(() => Date.now() + offset);
    const a = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    const pull = (token: string) =>
      fetch(`${server.url}/v1/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
    expect((await pull(a.tokens.accessToken)).status).toBe(200);
    const [version, body, signature] = a.tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, teamId: 'other' })).toString('base64url');
    expect((await pull(`${version ?? ''}.${tampered}.${signature ?? ''}`)).status).toBe(401);
    expect((await pull('garbage')).status).toBe(401);
    offset = 16 * 60 * 1000;
    expect((await pull(a.tokens.accessToken)).status).toBe(401);
    offset = 0;
    await server.service.revokeDevice(a.deviceId);
    const revoked = await pull(a.tokens.accessToken);
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ error: { code: 'revoked' } });
    await expect(
      login(server.url, {
        email: 'aigerim@steppe.kz',
        password: 'correct horse 1',
        deviceId: a.deviceId,
        deviceName: 'x',
      }),
    ).rejects.toMatchObject({ code: 'revoked' });

    const attempt = () =>
      login(server.url, {
        email: 'dmitry@steppe.kz',
        password: 'wrong',
        deviceId: '0190a5b2-0000-7000-8000-00000000000f',
        deviceName: 'x',
      }).catch((error: unknown) => error);
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++)
      expect(await attempt()).toMatchObject({ status: 401, code: 'wrong_password' });
    expect(await attempt()).toMatchObject({ status: 429 });
  });

  it('refuses malformed and oversized pushes and stores nothing of them', async () => {
    const { server, a } = await twoLaptops();
    const post = (body: string) =>
      fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.tokens.accessToken}` },
        body,
      });
    expect((await post('{"mutations": 1}')).status).toBe(400);
    expect(
      (
        await post(
          JSON.stringify({
            mutations: [{ counter: 1, ops: [['client', 'not-a-uuid', 'name', '"x"', 'bad']] }],
          }),
        )
      ).status,
    ).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ mutations: [], pad: 'x'.repeat(1_100_000) }))).status).toBe(413);
    const info = await fetch(`${server.url}/v1/sync/info`, {
      headers: { authorization: `Bearer ${a.tokens.accessToken}` },
    });
    expect(await info.json()).toMatchObject({ headSeq: 0 });
  });

  it('keeps changes to fields this version does not know, without touching the rows', async () => {
    const { server, a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Future Co', kind: 'company' });
    await a.sync();
    const future = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.tokens.accessToken}` },
      body: JSON.stringify({
        mutations: [
          {
            counter: 1_000_000,
            ops: [['client', client.id, 'loyalty_tier', '"gold"', 'zzzzzzzzzzz0-00000-x']],
          },
        ],
      }),
    });
    expect(future.status).toBe(200);
    await b.sync();
    expect(await b.sync()).toMatchObject({ state: 'synced' });
    expect((await b.api.call('clients.get', { id: client.id })).name).toBe('Future Co');
    const { sqlite } = await openDatabase({
      file: join(b.dataDir, DATABASE_FILE),
      backupDir: join(b.dataDir, 'backups'),
    });
    expect(sqlite.prepare('SELECT field, value, reason FROM sync_quarantine').all()).toEqual([
      { field: 'loyalty_tier', value: '"gold"', reason: 'unknown_field' },
    ]);
    sqlite.close();
  });
});

describe('a laptop that loses the server', () => {
  it('keeps working offline, says so, keeps every pending change, and catches up when back', async () => {
    const server = await startServer();
    let online = true;
    let failMidway = false;
    const flaky: typeof fetch = async (input, init) => {
      if (!online) throw new TypeError('fetch failed: connect ECONNREFUSED');
      const response = await fetch(input, init);
      // The server stored the push, but the reply is lost on the way back.
      if (failMidway && input instanceof URL && input.pathname.endsWith('/push')) {
        failMidway = false;
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    };
    const { api } = await openBackend(tempDir(), { dailyBackups: false, timers: stillTimers, fetch: flaky });
    await api.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    const other = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');

    online = false;
    const client = await api.call('clients.create', { name: 'Written offline', kind: 'company' });
    const offline = await api.call('sync.now', {});
    expect(offline.state).toBe('offline');
    // The client's creation and its stage.
    expect(offline.pending).toBe(2);
    expect(offline.lastError).toMatch(/cannot be reached/);
    expect((await api.call('clients.get', { id: client.id })).name).toBe('Written offline');

    online = true;
    failMidway = true;
    expect(await api.call('sync.now', {})).toMatchObject({ state: 'offline', pending: offline.pending });
    // The retry is harmless: the server skips what it already stored.
    expect(await api.call('sync.now', {})).toMatchObject({ state: 'synced', pending: 0, lastError: null });
    await other.sync();
    expect((await other.api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Written offline']);
  });

  it('treats a server that fails (500) or stops answering as offline, and loses nothing', async () => {
    const server = await startServer();
    let mode: 'ok' | 'failing' | 'silent' = 'ok';
    const troubled: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : input).pathname;
      if (mode === 'failing' && path === '/v1/sync/pull')
        return new Response(JSON.stringify({ error: { code: 'internal', message: 'The server failed.' } }), {
          status: 500,
        });
      if (mode === 'silent' && path !== '/v1/sync/events') {
        // Accepts the connection and never answers, until the laptop gives up.
        return new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(init.signal?.reason as Error);
          });
        });
      }
      return fetch(input, init);
    };
    const { api } = await openBackend(tempDir(), {
      dailyBackups: false,
      timers: stillTimers,
      fetch: troubled,
      syncTimeoutMs: 300,
    });
    await api.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    const client = await api.call('clients.create', { name: 'Kept through trouble', kind: 'company' });

    mode = 'failing';
    // The push went through before the pull failed: nothing waits, nothing is half applied.
    expect(await api.call('sync.now', {})).toMatchObject({
      state: 'offline',
      pending: 0,
      lastError: 'The server failed.',
    });
    await api.call('clients.update', { id: client.id, notes: 'Written while the server is silent' });
    mode = 'silent';
    const silent = await api.call('sync.now', {});
    expect(silent).toMatchObject({ state: 'offline' });
    expect(silent.pending).toBeGreaterThan(0);
    expect(silent.lastError).toMatch(/did not answer within 1 s/);

    mode = 'ok';
    expect(await api.call('sync.now', {})).toMatchObject({ state: 'synced', pending: 0, lastError: null });
    const other = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');
    expect(await other.api.call('clients.get', { id: client.id })).toMatchObject({
      notes: 'Written while the server is silent',
    });
  });

  it('explains a wrong password and a laptop an admin disconnected', async () => {
    const server = await startServer();
    const { api } = await openBackend(tempDir(), { dailyBackups: false, timers: stillTimers });
    const wrong = await api
      .call('sync.connect', { serverUrl: server.url, email: 'aigerim@steppe.kz', password: 'nope' })
      .catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: 'unauthorized', message: 'The email or the password is wrong.' });
    expect(await api.call('sync.status', {})).toMatchObject({ state: 'off' });

    const a = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    await server.service.revokeDevice(a.deviceId);
    await a.api.call('clients.create', { name: 'After revoke', kind: 'company' });
    const status = await a.sync();
    expect(status.state).toBe('error');
    expect(status.pending).toBe(2);
    expect(status.lastError).toMatch(/disconnected from the team by an admin/);
  });
});

describe('online laptops', () => {
  it('see each other’s changes by themselves, without anyone pressing sync', async () => {
    const server = await startServer();
    const online = async (email: string, password: string) => {
      const { api } = await openBackend(tempDir(), { dailyBackups: false });
      await api.call('sync.connect', { serverUrl: server.url, email, password });
      return api;
    };
    const a = await online('aigerim@steppe.kz', 'correct horse 1');
    const b = await online('dmitry@steppe.kz', 'correct horse 2');
    await new Promise((resolve) => setTimeout(resolve, 200)); // both event streams are open
    const started = Date.now();
    await a.call('clients.create', { name: 'Live Client', kind: 'company' });
    for (;;) {
      const names = (await b.call('clients.list', {})).items.map((c) => c.name);
      if (names.includes('Live Client')) break;
      if (Date.now() - started > 2000)
        throw new Error('the change did not reach the other laptop within 2 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThanOrEqual(2000);
  });
});

describe('a new laptop joining a team with a long history', () => {
  it('starts from a snapshot of the current rows instead of replaying every change', async () => {
    const { server, a, b } = await twoLaptops();
    await a.api.call('app.loadDemo', { timeZone: 'UTC' });
    const pushed = await a.sync();
    expect(pushed).toMatchObject({ state: 'synced', pending: 0, lastError: null });
    const head = (
      await server.service.info({
        teamId: (await teamOf(server, 'aigerim@steppe.kz')) ?? '',
        userId: '',
        deviceId: '',
        exp: 0,
      })
    ).headSeq;
    expect(head).toBeGreaterThan(5000);
    // A duplicate merged away, and a call for it that reached the server from a laptop that never
    // pulled the merge: the newcomer must find the call on the client kept.
    const [kept, duplicate] = (await a.api.call('clients.list', { limit: 2 })).items;
    await a.api.call('clients.merge', { id: duplicate?.id ?? '', intoId: kept?.id ?? '' });
    await a.sync();
    const lateCall = '0190a5b2-0000-7000-8000-00000000ca11';
    const clock = '00000000000a-00000-late';
    const late = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${b.tokens.accessToken}` },
      body: JSON.stringify({
        mutations: [
          {
            counter: 1,
            ops: [
              ['interaction', lateCall, 'created_at', '"2026-01-05T10:00:00.000Z"', clock],
              ['interaction', lateCall, 'client_id', JSON.stringify(duplicate?.id), clock],
              ['interaction', lateCall, 'kind', '"call"', clock],
              ['interaction', lateCall, 'occurred_at', '"2026-01-05T10:00:00.000Z"', clock],
              ['interaction', lateCall, 'summary', '"Late call"', clock],
            ],
          },
        ],
      }),
    });
    expect(late.status).toBe(200);

    const c = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    expect(await c.api.call('interactions.get', { id: lateCall })).toMatchObject({ clientId: kept?.id });
    await a.sync();
    const mine = await a.api.call('clients.list', { limit: 500 });
    const theirs = await c.api.call('clients.list', { limit: 500 });
    expect(theirs.items.map((x) => [x.id, x.name, x.stage, x.lastContactAt])).toEqual(
      mine.items.map((x) => [x.id, x.name, x.stage, x.lastContactAt]),
    );
    // Derived data is rebuilt once after the snapshot: search finds what arrived.
    const firstName = mine.items[0]?.name ?? '';
    const hits = await c.api.call('search.query', { text: firstName.slice(0, 5), kinds: ['client'] });
    expect(hits.groups[0]?.items.map((item) => item.title)).toContain(firstName);
    const { sqlite } = await openDatabase({
      file: join(c.dataDir, DATABASE_FILE),
      backupDir: join(c.dataDir, 'backups'),
    });
    const received = (
      sqlite.prepare("SELECT count(*) AS n FROM change_log WHERE origin = 'remote'").get() as { n: number }
    ).n;
    const cursor = (
      sqlite.prepare("SELECT value FROM local_meta WHERE key = 'sync.cursor'").get() as { value: string }
    ).value;
    sqlite.close();
    // One entry per current field, not one per change ever made; and it continues from the head.
    expect(received).toBeLessThan(head);
    expect(Number(cursor)).toBeGreaterThanOrEqual(head);
    // Later changes still flow.
    await a.api.call('clients.update', { id: mine.items[0]?.id ?? '', notes: 'After the snapshot' });
    await a.sync();
    await c.sync();
    expect((await c.api.call('clients.get', { id: mine.items[0]?.id ?? '' })).notes).toBe(
      'After the snapshot',
    );
  });
});

async function teamOf(server: { service: SyncService }, email: string): Promise<string | undefined> {
  const user = await server.service.db
    .selectFrom('app_user')
    .select('team_id')
    .where('email', '=', email)
    .executeTakeFirst();
  return user?.team_id;
}

describe('a first sync cut off halfway', () => {
  it('keeps what arrived and the database’s indexes, and resumes where it stopped', async () => {
    const { server, a } = await twoLaptops();
    await a.api.call('app.loadDemo', { timeZone: 'UTC' });
    await a.sync();
    let snapshotPages = 0;
    let cut = true;
    // Small pages, so the demo company takes several; the second one never arrives.
    const flaky: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.pathname === '/v1/sync/snapshot') {
        url.searchParams.set('limit', '200');
        if (++snapshotPages === 2 && cut) throw new TypeError('fetch failed: connection reset');
      }
      return fetch(url, init);
    };
    const dir = tempDir();
    const { api } = await openBackend(dir, { dailyBackups: false, timers: stillTimers, fetch: flaky });
    const first = await api.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    expect(snapshotPages).toBe(2);
    expect(first.state).toBe('offline');
    // The indicator can say how much has arrived (a first sync over a slow line takes a while).
    expect(first.received).toBe(200);
    // Read beside the running app, without opening the database the app's way (which would itself
    // restore any deferred index).
    const count = (sql: string, dataDir = dir) => {
      const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (sqlite.prepare(sql).get() as { n: number }).n;
      } finally {
        sqlite.close();
      }
    };
    const indexes = (dataDir = dir) =>
      count("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL", dataDir);
    const rows = () =>
      count(`SELECT (SELECT count(*) FROM client) + (SELECT count(*) FROM contact) + (SELECT count(*) FROM deal)
        + (SELECT count(*) FROM interaction) + (SELECT count(*) FROM followup) AS n`);
    // Every index is there, as on a laptop that never had a first sync cut off.
    expect(indexes()).toBe(indexes(a.dataDir));
    // Part of the team is here already; the rest comes with the next round, from where it stopped.
    const partial = rows();
    expect(partial).toBeGreaterThan(0);
    cut = false;
    expect(await api.call('sync.now', {})).toMatchObject({
      state: 'synced',
      lastError: null,
      received: null,
    });
    expect(snapshotPages).toBeGreaterThan(2);
    const mine = await a.api.call('clients.list', { limit: 500 });
    const theirs = await api.call('clients.list', { limit: 500 });
    expect(theirs.items.map((c) => [c.id, c.name, c.lastContactAt])).toEqual(
      mine.items.map((c) => [c.id, c.name, c.lastContactAt]),
    );
    expect(partial).toBeLessThan(rows());
    expect(indexes()).toBe(indexes(a.dataDir));
  });
});

describe('a laptop whose clock is wrong', () => {
  it('has its future-dated changes re-stamped, and still orders later edits like everyone else', async () => {
    const server = await startServer();
    const twoHours = 2 * 60 * 60 * 1000;
    // Offline with a clock two hours fast: its edits are dated in the future.
    const { api: fast } = await openBackend(tempDir(), {
      dailyBackups: false,
      timers: stillTimers,
      now: () => new Date(Date.now() + twoHours),
    });
    const client = await fast.call('clients.create', {
      name: 'Skewed',
      kind: 'company',
      notes: 'From the fast laptop',
    });
    await fast.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    const stored = await server.service.db
      .selectFrom('field_state')
      .select('hlc')
      .where('row_id', '=', client.id)
      .where('field', '=', 'notes')
      .executeTakeFirstOrThrow();
    expect(Number.parseInt(stored.hlc.slice(0, 12), 36)).toBeLessThan(Date.now() + 60_000);

    // A correct laptop edits the same note afterwards: its edit must win everywhere.
    const b = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');
    await b.api.call('clients.update', { id: client.id, notes: 'Corrected later' });
    await b.sync();
    await fast.call('sync.now', {});
    expect((await fast.call('clients.get', { id: client.id })).notes).toBe('Corrected later');
    expect((await b.api.call('clients.get', { id: client.id })).notes).toBe('Corrected later');
    // And the fast laptop now writes with the server's time: its next edit wins as it should.
    await fast.call('clients.update', { id: client.id, notes: 'Fast laptop again' });
    await fast.call('sync.now', {});
    await b.sync();
    expect((await b.api.call('clients.get', { id: client.id })).notes).toBe('Fast laptop again');
  });
});

describe('a record changed on one laptop after another deleted it', () => {
  it('stays deleted, and the inbox asks whether to restore it', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.api.call('clients.create', { name: 'Contested', kind: 'company' });
    await a.sync();
    await b.sync();
    await a.api.call('clients.delete', { id: client.id });
    await a.sync();
    // B, unaware, edits it afterwards.
    await b.api.call('clients.update', { id: client.id, notes: 'Signed the contract!' });
    await b.sync();
    await a.sync();
    expect((await a.api.call('clients.list', {})).items).toEqual([]);
    const { items } = await a.api.call('sync.conflicts', {});
    expect(items).toMatchObject([
      { kind: 'deleted', recordId: client.id, field: 'notes', lost: 'Signed the contract!' },
    ]);
    await a.api.call('sync.resolveConflict', { id: items[0]?.id ?? 0, choice: 'lost' });
    await a.sync();
    await b.sync();
    for (const api of [a.api, b.api]) {
      expect(await api.call('clients.get', { id: client.id })).toMatchObject({
        deletedAt: null,
        notes: 'Signed the contract!',
      });
    }
  });
});

describe('the refresh token at rest', () => {
  it('is sealed with the key the OS keeps, and works after a restart; another key means signing in again', async () => {
    const server = await startServer();
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const first = await openBackend(dir, { dailyBackups: false, timers: stillTimers, secretKey: key });
    await first.api.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    first.backend.close();
    const { sqlite } = await openDatabase({
      file: join(dir, DATABASE_FILE),
      backupDir: join(dir, 'backups'),
    });
    const stored = (
      sqlite.prepare("SELECT value FROM local_meta WHERE key = 'sync.refresh_token'").get() as {
        value: string;
      }
    ).value;
    sqlite.close();
    expect(stored.startsWith('sealed:v1:')).toBe(true);

    // After a restart the access token is gone: the sealed refresh token gets a new one.
    const again = await openBackend(dir, { dailyBackups: false, timers: stillTimers, secretKey: key });
    const resumed = await again.api.call('sync.now', {});
    expect(resumed.lastError).toBeNull();
    expect(resumed).toMatchObject({ state: 'synced' });
    again.backend.close();
    const otherKey = await openBackend(dir, {
      dailyBackups: false,
      timers: stillTimers,
      secretKey: Buffer.alloc(32, 9),
    });
    const status = await otherKey.api.call('sync.now', {});
    expect(status).toMatchObject({ state: 'error' });
    expect(status.lastError).toMatch(/Sign in to the sync server again/);
  });
});

describe('changes this version does not understand yet', () => {
  it('wait in quarantine and are applied once an upgrade knows their field', async () => {
    const server = await startServer();
    const a = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    const client = await a.api.call('clients.create', { name: 'Old Name', kind: 'company' });
    await a.sync();
    const dir = tempDir();
    const { api, backend } = await openBackend(dir, { dailyBackups: false, timers: stillTimers });
    await api.call('sync.connect', {
      serverUrl: server.url,
      email: 'dmitry@steppe.kz',
      password: 'correct horse 2',
    });
    backend.close();
    // As an older version would have: a change to a field it did not know, kept aside.
    const { sqlite } = await openDatabase({
      file: join(dir, DATABASE_FILE),
      backupDir: join(dir, 'backups'),
    });
    sqlite
      .prepare(
        `INSERT INTO sync_quarantine (table_name, row_id, field, value, hlc, device_id, reason, received_at)
         VALUES ('client', ?, 'name', '"New Name"', 'zzzzzzzzzzz0-00000-x', 'other', 'unknown_field', '2026-01-01T00:00:00Z')`,
      )
      .run(client.id);
    sqlite.close();
    // This version knows the field: at the next start the change is applied, and leaves quarantine.
    const upgraded = await openBackend(dir, { dailyBackups: false, timers: stillTimers });
    expect((await upgraded.api.call('clients.get', { id: client.id })).name).toBe('New Name');
    const after = await openDatabase({ file: join(dir, DATABASE_FILE), backupDir: join(dir, 'backups') });
    expect(after.sqlite.prepare('SELECT count(*) AS n FROM sync_quarantine').get()).toEqual({ n: 0 });
    after.sqlite.close();
  });
});

describe('the team’s laptops', () => {
  it('are listed for everyone in the team, this one marked, revoked ones flagged', async () => {
    const { server, a, b } = await twoLaptops();
    const devices = await a.api.call('sync.devices', {});
    expect(devices.items.map((d) => [d.id, d.email, d.current]).sort()).toEqual(
      [
        [a.deviceId, 'aigerim@steppe.kz', true],
        [b.deviceId, 'dmitry@steppe.kz', false],
      ].sort(),
    );
    await server.service.revokeDevice(b.deviceId);
    const after = await a.api.call('sync.devices', {});
    expect(after.items.find((d) => d.id === b.deviceId)?.revoked).toBe(true);
  });

  it('can be revoked from the app: by a team admin any, by a member only their own, never another team’s', async () => {
    const { server, a, b } = await twoLaptops();
    // b is a member: it may revoke neither the admin's laptop nor anything outside the team.
    expect((await b.api.call('sync.devices', {})).items.map((d) => [d.current, d.canRevoke]).sort()).toEqual([
      [false, false],
      [true, true],
    ]);
    await expect(b.api.call('sync.revokeDevice', { deviceId: a.deviceId })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Only a team admin can revoke another person’s laptop.',
    });
    await server.service.createTeam({
      name: 'Rivals',
      adminEmail: 'boss@rivals.kz',
      adminPassword: 'rival pass 1',
    });
    const rival = await laptop(server.url, 'boss@rivals.kz', 'rival pass 1');
    await expect(rival.api.call('sync.revokeDevice', { deviceId: b.deviceId })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(a.api.call('sync.revokeDevice', { deviceId: rival.deviceId })).rejects.toMatchObject({
      code: 'not_found',
    });

    // The admin revokes b's laptop (say it was lost): b can no longer sync, and is told why.
    const listed = await a.api.call('sync.revokeDevice', { deviceId: b.deviceId });
    expect(listed.items.find((d) => d.id === b.deviceId)).toMatchObject({ revoked: true, canRevoke: false });
    await b.api.call('clients.create', { name: 'Typed on the lost laptop', kind: 'person' });
    const status = await b.sync();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/disconnected from the team/);
    expect((await b.api.call('sync.status', {})).pending).toBeGreaterThan(0);
    expect((await a.api.call('sync.devices', {})).items.map((d) => d.revoked).sort()).toEqual([false, true]);
  });
});
