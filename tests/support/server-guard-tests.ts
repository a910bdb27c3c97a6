import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, type LoginLimits } from '../../server/login-limits.ts';
import type { ServerStore } from '../../server/store.ts';
import { type LoopbackServer, serveOnLoopback } from './loopback-server.ts';
import { runRapport } from './rapport-cli.ts';

/** A fresh, empty server database of one kind: how to open it in this process, and how to name it to the CLI. */
export interface GuardDatabase {
  open(): Promise<ServerStore>;
  cliArgs: string[];
}

type Running = LoopbackServer;

interface Reply {
  status: number;
  headers: Headers;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

const DEVICE = '0190a5b2-0000-7000-8000-00000000d001';
const OTHER_DEVICE = '0190a5b2-0000-7000-8000-00000000d002';
const ROW = '0190a5b2-0000-7000-8000-0000000000c1';
const CLOCK = '0190a5b20000-00000-guardtest';

/** A server on 127.0.0.1 over `database`; several may share one. */
async function serverOn(
  database: GuardDatabase,
  options: { loginLimits?: Partial<LoginLimits>; now?: () => number; trustProxy?: string } = {},
): Promise<Running> {
  return serveOnLoopback({ store: await database.open(), ...options });
}

async function call(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Reply['body'],
  };
}

function signIn(url: string, email: string, password: string, deviceId = DEVICE, forwardedFor?: string) {
  return call(
    url,
    'POST',
    '/v1/auth/login',
    { email, password, deviceId, deviceName: 'Guard laptop' },
    undefined,
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );
}

/** Bytes written straight to the socket, for what Fastify and Node answer before any route. */
async function rawRequest(url: string, text: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(url);
  const answer = await new Promise<string>((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => done(received));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      // The server may close while the rest of a huge request is still being written.
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : fail(error),
    );
  });
  const [head = '', ...rest] = answer.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), body: JSON.parse(rest.join('\r\n\r\n')) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Issue 13's checks of what a client can send the server (sign-in, tokens, cursors, text, replays, the
 * admin's create-team), against one kind of store (SQLite or PostgreSQL).
 */
export function describeServerGuardTests(name: string, freshDatabase: () => Promise<GuardDatabase>): void {
  /** A fresh database with the team Steppe (a@steppe.kz / password one), and servers on it, stopped after. */
  async function withTeam(work: (database: GuardDatabase, started: Running[]) => Promise<void>) {
    const database = await freshDatabase();
    const started: Running[] = [];
    try {
      const first = await serverOn(database);
      started.push(first);
      await first.service.createTeam({
        name: 'Steppe',
        adminEmail: 'a@steppe.kz',
        adminPassword: 'password one',
      });
      await work(database, started);
    } finally {
      for (const running of started) await running.stop();
    }
  }

  describe(`sign-in, on ${name}`, { timeout: 120_000 }, () => {
    it('takes as long for an email without an account as for one with it', async () => {
      await withTeam(async (database, started) => {
        const loose = { perAddress: 10_000, perEmail: 10_000, perDevice: 10_000 };
        const server = await serverOn(database, { loginLimits: loose });
        started.push(server);
        const timed = async (email: string) => {
          const began = performance.now();
          const reply = await signIn(server.url, email, 'not the password');
          expect(reply.body.error?.code).toBe('wrong_password');
          return performance.now() - began;
        };
        for (let i = 0; i < 2; i++) await Promise.all([timed('a@steppe.kz'), timed('nobody@steppe.kz')]);
        const known: number[] = [];
        const unknown: number[] = [];
        // Interleaved, so a busy moment of the machine falls on both alike; medians ignore the outliers.
        for (let i = 0; i < 11; i++) {
          known.push(await timed('a@steppe.kz'));
          unknown.push(await timed(`nobody${String(i)}@steppe.kz`));
        }
        const [k, u] = [median(known), median(unknown)];
        console.log(
          `${name}: sign-in medians, known email ${k.toFixed(1)} ms, unknown email ${u.toFixed(1)} ms`,
        );
        // Before, an unknown email answered in ~2 ms against ~37 ms (no scrypt): a ratio near 18.
        expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(2);
      });
    });

    it('limits failures by address across emails, yet a known laptop with the right password signs in', async () => {
      await withTeam(async (database, started) => {
        const [server] = started;
        if (!server) throw new Error('no server');
        expect((await signIn(server.url, 'a@steppe.kz', 'password one')).status).toBe(200);
        for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
          const reply = await signIn(server.url, `guess${String(i)}@steppe.kz`, 'guess', OTHER_DEVICE);
          expect(reply.status, `attempt ${String(i + 1)}`).toBe(401);
        }
        const limited = await signIn(server.url, 'yet-another@steppe.kz', 'guess', OTHER_DEVICE);
        expect(limited.status).toBe(429);
        expect(limited.body.error).toMatchObject({ code: 'too_many_attempts' });
        expect(limited.body.error?.message).toMatch(/from this network/);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        // The right password from a laptop the account does not know yet waits too…
        expect((await signIn(server.url, 'a@steppe.kz', 'password one', OTHER_DEVICE)).status).toBe(429);
        // …but from the laptop it already signed in on, it works.
        expect((await signIn(server.url, 'a@steppe.kz', 'password one', DEVICE)).status).toBe(200);
        // A forwarded address counts only behind a proxy the server was told to trust.
        const forwarded = (url: string) =>
          signIn(url, 'b@elsewhere.kz', 'guess', OTHER_DEVICE, '203.0.113.9');
        expect((await forwarded(server.url)).status).toBe(429);
        const proxied = await serverOn(database, { trustProxy: '127.0.0.1' });
        started.push(proxied);
        expect((await forwarded(proxied.url)).status).toBe(401);
      });
    });

    it('never lets a stranger’s failures on an email lock its owner out of their own laptop', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        expect((await signIn(server.url, 'a@steppe.kz', 'password one')).status).toBe(200);
        for (let i = 0; i < LOGIN_LIMITS.perEmail; i++)
          expect((await signIn(server.url, 'a@steppe.kz', 'guess', OTHER_DEVICE)).status).toBe(401);
        const limited = await signIn(server.url, 'a@steppe.kz', 'password one', OTHER_DEVICE);
        expect(limited.status).toBe(429);
        expect(limited.body.error?.message).toMatch(/for this email/);
        // The same limit for an email without an account: a limit reached says nothing of who exists.
        for (let i = 0; i < LOGIN_LIMITS.perEmail; i++)
          await signIn(server.url, 'ghost@steppe.kz', 'guess', OTHER_DEVICE);
        expect((await signIn(server.url, 'ghost@steppe.kz', 'guess', OTHER_DEVICE)).status).toBe(429);
        // The owner, on their laptop, with the right password: in.
        const owner = await signIn(server.url, 'a@steppe.kz', 'password one', DEVICE);
        expect(owner.status).toBe(200);
      });
    });

    it('keeps its limits in the store: two servers share them, a restart keeps them, the window ends them', async () => {
      await withTeam(async (database, started) => {
        let now = Date.now();
        const clock = () => now;
        const one = await serverOn(database, { now: clock });
        const two = await serverOn(database, { now: clock });
        started.push(one, two);
        for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
          const server = i % 2 === 0 ? one : two;
          expect((await signIn(server.url, 'ghost@steppe.kz', 'guess')).status).toBe(401);
        }
        expect((await signIn(one.url, 'ghost@steppe.kz', 'guess')).status).toBe(429);
        expect((await signIn(two.url, 'ghost@steppe.kz', 'guess')).status).toBe(429);
        await one.stop();
        await two.stop();
        started.splice(started.indexOf(one), 2);
        const restarted = await serverOn(database, { now: clock });
        started.push(restarted);
        expect((await signIn(restarted.url, 'ghost@steppe.kz', 'guess')).status).toBe(429);
        now += LOGIN_LIMITS.windowMs + 1000;
        expect((await signIn(restarted.url, 'ghost@steppe.kz', 'guess')).status).toBe(401);
      });
    });
  });

  describe(`what a client may send, on ${name}`, { timeout: 120_000 }, () => {
    it('refuses an access token with anything appended', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        const { body } = await signIn(server.url, 'a@steppe.kz', 'password one');
        const token = String(body.accessToken);
        expect((await call(server.url, 'GET', '/v1/sync/info', undefined, token)).status).toBe(200);
        for (const longer of [`${token}.x`, `${token}.`, `${token}.${token}`]) {
          const reply = await call(server.url, 'GET', '/v1/sync/info', undefined, longer);
          expect(reply.status).toBe(401);
          expect(reply.body.error?.code).toBe('unauthorized');
        }
      });
    });

    it('answers 400 naming the parameter for every cursor, limit and snapshot position that is not one', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        const token = String((await signIn(server.url, 'a@steppe.kz', 'password one')).body.accessToken);
        const get = (path: string) => call(server.url, 'GET', path, undefined, token);
        for (const cursor of [
          '100000000000000000000',
          '9223372036854775807',
          '9007199254740992',
          '1e20',
          '0x10',
          '%205',
          '',
          '-1',
          '1.5',
          '%00',
          'NaN',
        ]) {
          const reply = await get(`/v1/sync/pull?cursor=${cursor}`);
          expect(reply.status, `cursor=${cursor}`).toBe(400);
          expect(reply.body.error?.code, `cursor=${cursor}`).toBe('validation');
          expect(reply.body.error?.message, `cursor=${cursor}`).toContain('cursor');
        }
        expect((await get('/v1/sync/pull?cursor=1&cursor=2')).status).toBe(400);
        for (const limit of ['1e3', '0', '']) {
          expect((await get(`/v1/sync/pull?limit=${limit}`)).body.error?.message).toContain('limit');
          expect((await get(`/v1/sync/snapshot?limit=${limit}`)).body.error?.message).toContain('limit');
        }
        for (const cursor of ['0', '9007199254740991'])
          expect((await get(`/v1/sync/pull?cursor=${cursor}`)).status, `cursor=${cursor}`).toBe(200);
        for (const [query, names] of [
          [`afterTable=client&afterRow=%00`, 'afterRow'],
          [`afterTable=%00&afterRow=${ROW}`, 'afterTable'],
          [`afterTable=client&afterRow=${'9'.repeat(30)}`, 'afterRow'],
          [`afterTable=client`, 'afterRow'],
        ] as const) {
          const reply = await get(`/v1/sync/snapshot?${query}`);
          expect(reply.status, query).toBe(400);
          expect(reply.body.error?.message, query).toContain(names);
        }
        expect((await get(`/v1/sync/snapshot?afterTable=client&afterRow=${ROW}`)).status).toBe(200);
      });
    });

    it('refuses text holding NUL: in a pushed value its mutation, elsewhere the request, storing nothing', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        const token = String((await signIn(server.url, 'a@steppe.kz', 'password one')).body.accessToken);
        const ops = (field: string, value: string) => [
          ['client', ROW, 'created_at', '"2026-11-30T10:00:00.000Z"', CLOCK],
          ['client', ROW, 'name', '"NUL Foods"', CLOCK],
          ['client', ROW, 'kind', '"company"', CLOCK],
          ['client', ROW, field, value, CLOCK],
        ];
        let counter = 0;
        for (const [field, value] of [
          ['notes', '"a\u0000b"'],
          ['loyalty_tier', '"gold\u0000"'],
          ['loyalty_tier', '\u0000'],
        ] as const) {
          counter++;
          const reply = await call(
            server.url,
            'POST',
            '/v1/sync/push',
            { mutations: [{ counter, ops: ops(field, value) }] },
            token,
          );
          expect(reply.status, field).toBe(200);
          expect(reply.body.ackedCounter).toBe(counter);
          const rejected = reply.body.rejected as { index: number; reason: string }[];
          expect(rejected).toHaveLength(4);
          expect(rejected[3]?.reason).toBe(
            `client.${field}: a value may not hold the NUL character, U+0000 (nul_character)`,
          );
        }
        expect((await call(server.url, 'GET', '/v1/sync/info', undefined, token)).body.headSeq).toBe(0);
        const nulInName = await call(server.url, 'POST', '/v1/auth/login', {
          email: 'a@steppe.kz',
          password: 'password one',
          deviceId: OTHER_DEVICE,
          deviceName: 'Laptop\u0000',
        });
        expect(nulInName.status).toBe(400);
        expect(nulInName.body.error).toMatchObject({ code: 'validation' });
        expect(nulInName.body.error?.message).toContain('body.deviceName holds the NUL character');
        const nulInPath = await call(server.url, 'POST', '/v1/devices/%00/revoke', {}, token);
        expect(nulInPath.status).toBe(400);
        expect(nulInPath.body.error?.message).toContain('path.id holds the NUL character');
        expect((await server.service.devices()).map((device) => device.id)).toEqual([DEVICE]);
      });
    });

    it('answers Fastify’s and Node’s own refusals in the same error envelope', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        const end = 'Host: x\r\nConnection: close\r\n\r\n';
        const cases: [string, string, number, string][] = [
          [
            'a path segment too long',
            `POST /v1/devices/${'x'.repeat(300)}/revoke HTTP/1.1\r\n${end}`,
            414,
            'too_long',
          ],
          ['an address that does not decode', `GET /v1/sync/pull%zz HTTP/1.1\r\n${end}`, 400, 'bad_url'],
          [
            'headers too large',
            `GET /v1/health HTTP/1.1\r\nX-Big: ${'y'.repeat(20_000)}\r\n${end}`,
            431,
            'headers_too_large',
          ],
          ['bytes that are not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400, 'bad_request'],
          ['an unknown route', `GET /v1/nowhere HTTP/1.1\r\n${end}`, 404, 'not_found'],
          [
            'a body that is not JSON',
            `POST /v1/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 3\r\n${end}{{{`,
            400,
            'bad_request',
          ],
          [
            'a body of another type',
            `POST /v1/auth/login HTTP/1.1\r\nContent-Type: text/csv\r\nContent-Length: 3\r\n${end}a,b`,
            415,
            'bad_request',
          ],
        ];
        for (const [what, request, status, code] of cases) {
          const reply = await rawRequest(server.url, request);
          expect(reply.status, what).toBe(status);
          expect(reply.body, what).toMatchObject({ error: { code, message: expect.any(String) as string } });
        }
      });
    });

    it('refuses a replayed counter whose changes differ from those stored, storing nothing of that push', async () => {
      await withTeam(async (_database, [server]) => {
        if (!server) throw new Error('no server');
        const token = String((await signIn(server.url, 'a@steppe.kz', 'password one')).body.accessToken);
        const push = (mutations: unknown[]) =>
          call(server.url, 'POST', '/v1/sync/push', { mutations }, token);
        const named = (value: string) => [
          ['client', ROW, 'created_at', '"2026-11-30T10:00:00.000Z"', CLOCK],
          ['client', ROW, 'name', value, CLOCK],
          ['client', ROW, 'kind', '"company"', CLOCK],
        ];
        expect((await push([{ counter: 5, ops: named('"Altyn Foods"') }])).body.ackedCounter).toBe(5);
        // The same mutation again (a lost reply): answered as before.
        expect((await push([{ counter: 5, ops: named('"Altyn Foods"') }])).body).toMatchObject({
          ackedCounter: 5,
          rejected: [],
        });
        // Counter 5 with other changes, alongside a new mutation 6: all refused.
        const reused = await push([
          { counter: 5, ops: named('"Other Foods"') },
          { counter: 6, ops: [['client', ROW, 'notes', '"later"', CLOCK]] },
        ]);
        expect(reused.status).toBe(409);
        expect(reused.body.error?.code).toBe('counter_reused');
        expect(reused.body.error?.message).toContain('change 5');
        const pulled = await call(server.url, 'GET', '/v1/sync/pull?cursor=0', undefined, token);
        expect(
          (pulled.body.changes as { field: string; value: string }[]).map((c) => [c.field, c.value]),
        ).toEqual([
          ['created_at', '"2026-11-30T10:00:00.000Z"'],
          ['name', '"Altyn Foods"'],
          ['kind', '"company"'],
        ]);
        // Fewer ops under the same counter are other changes too.
        expect((await push([{ counter: 5, ops: named('"Altyn Foods"').slice(0, 2) }])).status).toBe(409);
        expect(
          (await push([{ counter: 6, ops: [['client', ROW, 'notes', '"later"', CLOCK]] }])).body.ackedCounter,
        ).toBe(6);
      });
    });

    it('creates a team with its admin in one transaction: a taken email or a short password leaves nothing', async () => {
      await withTeam(async (database, [server]) => {
        if (!server) throw new Error('no server');
        const createTeam = (team: string, email: string, password: string) =>
          runRapport(
            'server',
            'create-team',
            ...database.cliArgs,
            '--name',
            team,
            '--admin-email',
            email,
            '--admin-password',
            password,
          );
        const taken = createTeam('Rivals', 'a@steppe.kz', 'password two');
        expect(taken).toMatchObject({ code: 1 });
        expect(taken.stderr).toContain('a@steppe.kz already has an account');
        const short = createTeam('Rivals', 'r@rivals.kz', 'short');
        expect(short).toMatchObject({ code: 1 });
        expect(short.stderr).toContain('at least 8 characters');
        const teams = await server.service.db.selectFrom('team').select('name').execute();
        expect(teams.map((team) => team.name)).toEqual(['Steppe']);
        expect(createTeam('Rivals', 'r@rivals.kz', 'password two')).toMatchObject({
          code: 0,
          stdout: 'Created team “Rivals” with admin r@rivals.kz.\n',
        });
        expect((await signIn(server.url, 'r@rivals.kz', 'password two', OTHER_DEVICE)).status).toBe(200);
      });
    });
  });
}
