import { appErrorOf } from './app-error.ts';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { openDatabase } from '../../db/open-database.ts';
import { login } from '../../db/sync/sync-client.ts';
import type { ServerDatabase } from '../../server/schema.ts';
import type { ApiClient } from '../../shared/api/client.ts';
import type { PushResponse } from '../../shared/sync/protocol.ts';
import { stillTimers, useSyncTeam } from './sync-team.ts';

/** A sync server with the team "Steppe Sales": aigerim@steppe.kz / correct horse 1, dmitry@… / …2. */
export interface WireServer {
  url: string;
  db: Kysely<ServerDatabase>;
}

const ROW = '0190a5b2-0000-7000-8000-0000000000aa';
const CLOCK = '0190a5b20000-00000-oldversion';

/** A pushed op `[table, rowId, field, value, hlc]`. */
type Op = [string, string, string, string, string];

/** A client created in one mutation, with one field replaced by a bad value. */
function clientWith(field: string, value: string): Op[] {
  const ops: Op[] = [
    ['client', ROW, 'created_at', '"2026-11-30T10:00:00.000Z"', CLOCK],
    ['client', ROW, 'name', '"Altyn Foods"', CLOCK],
    ['client', ROW, 'kind', '"company"', CLOCK],
  ];
  const at = ops.findIndex((op) => op[2] === field);
  const op: Op = ['client', ROW, field, value, CLOCK];
  if (at >= 0) ops[at] = op;
  else ops.push(op);
  return ops;
}

/** Each bad value of the issue, the field it is pushed to, and the rule the refusal must name. */
const badPushes: { what: string; table: string; field: string; ops: Op[]; rule: string }[] = [
  {
    what: 'a wrong type (vip "yes")',
    table: 'client',
    field: 'vip',
    ops: clientWith('vip', '"yes"'),
    rule: 'invalid_type',
  },
  {
    what: 'a value outside an enum',
    table: 'client',
    field: 'stage',
    ops: clientWith('stage', '"bogus"'),
    rule: 'invalid_value',
  },
  {
    what: 'non-JSON text',
    table: 'client',
    field: 'notes',
    ops: clientWith('notes', 'not json'),
    rule: 'invalid_json',
  },
  {
    what: 'a number where a name belongs',
    table: 'client',
    field: 'name',
    ops: clientWith('name', '123'),
    rule: 'invalid_type',
  },
  {
    what: 'a malformed address',
    table: 'client',
    field: 'address',
    ops: clientWith('address', JSON.stringify(JSON.stringify({ town: 'Almaty' }))),
    rule: 'unrecognized_keys',
  },
  {
    what: 'an address that is not JSON',
    table: 'client',
    field: 'address',
    ops: clientWith('address', '"Almaty, Abai 10"'),
    rule: 'invalid_json',
  },
  {
    what: 'a bad date',
    table: 'payment',
    field: 'issued_on',
    ops: [
      ...clientWith('notes', '"fine"'),
      ['payment', ROW.replace('aa', 'bb'), 'created_at', '"2026-11-30T10:00:00.000Z"', CLOCK],
      ['payment', ROW.replace('aa', 'bb'), 'client_id', `"${ROW}"`, CLOCK],
      ['payment', ROW.replace('aa', 'bb'), 'kind', '"invoice"', CLOCK],
      [
        'payment',
        ROW.replace('aa', 'bb'),
        'money',
        JSON.stringify('{"amount":10,"cost":null,"currency":"KZT"}'),
        CLOCK,
      ],
      ['payment', ROW.replace('aa', 'bb'), 'issued_on', '"2026-02-30"', CLOCK],
    ],
    rule: 'date',
  },
  {
    what: 'a moment that is not one',
    table: 'client',
    field: 'deleted_at',
    ops: clientWith('deleted_at', '"yesterday"'),
    rule: 'dateTime',
  },
  {
    what: 'a reference that is not a record id',
    table: 'client',
    field: 'owner_id',
    ops: clientWith('owner_id', '"Aigerim"'),
    rule: 'invalid_id',
  },
];

/**
 * The wire tests of issue 12 against one kind of server (SQLite or PostgreSQL): the server refuses a
 * pushed value the declarations do not allow, storing nothing of its mutation, and laptops set aside
 * what a poisoned server log holds while everything else keeps syncing.
 */
export function describeWireTests(name: string, startServer: () => Promise<WireServer>): void {
  const team = useSyncTeam();
  const { deviceIdOf } = team;

  async function laptop(server: WireServer, email: string, password: string) {
    const { api, backend } = await team.openBackend(team.tempDir(), {
      dailyBackups: false,
      timers: stillTimers,
    });
    await api.call('sync.connect', { serverUrl: server.url, email, password });
    return { api, dataDir: backend.dataDir };
  }

  async function storedChanges(server: WireServer): Promise<number> {
    const row = await server.db
      .selectFrom('change')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe(`the wire, on ${name}`, () => {
    it('refuses each value the declaration does not allow, naming the field and rule, storing nothing of its mutation', async () => {
      const server = await startServer();
      const a = await laptop(server, 'aigerim@steppe.kz', 'correct horse 1');
      const deviceId = await deviceIdOf(a.dataDir);
      const tokens = await login(server.url, {
        email: 'aigerim@steppe.kz',
        password: 'correct horse 1',
        deviceId,
        deviceName: 'raw',
      });
      const before = await storedChanges(server);
      let counter = 1_000_000;
      for (const bad of badPushes) {
        counter++;
        const response = await fetch(`${server.url}/v1/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
          body: JSON.stringify({ mutations: [{ counter, seen: 0, ops: bad.ops }] }),
        });
        expect(response.status, bad.what).toBe(200);
        const reply = (await response.json()) as PushResponse;
        // The mutation is consumed (the laptop is not stuck), and every op of it is refused.
        expect(reply.ackedCounter, bad.what).toBe(counter);
        expect(reply.rejected, bad.what).toHaveLength(bad.ops.length);
        const culprit = bad.ops.findIndex((op) => op[0] === bad.table && op[2] === bad.field);
        const reason = reply.rejected.find((entry) => entry.index === culprit)?.reason ?? '';
        expect(reason, bad.what).toContain(`${bad.table}.${bad.field}`);
        expect(reason, bad.what).toContain(`(${bad.rule})`);
        expect(await storedChanges(server), bad.what).toBe(before);
      }
      // A retried push is answered the same, and still stores nothing.
      const again = await fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
        body: JSON.stringify({ mutations: [{ counter, seen: 0, ops: badPushes.at(-1)?.ops ?? [] }] }),
      });
      expect(((await again.json()) as PushResponse).rejected).toHaveLength(badPushes.at(-1)?.ops.length ?? 0);
      expect(await storedChanges(server)).toBe(before);
      // A field the server's version does not know stays allowed (a newer app's, SYNC.md).
      const newer = await fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
        body: JSON.stringify({
          mutations: [
            {
              counter: counter + 1,
              seen: 0,
              ops: [...clientWith('name', '"Newer"'), ['client', ROW, 'loyalty_tier', '"gold"', CLOCK]],
            },
          ],
        }),
      });
      expect(((await newer.json()) as PushResponse).rejected).toEqual([]);
      expect(await storedChanges(server)).toBe(before + 4);
    });

    it('keeps a change of ours the server refused here, shows it, and keeps syncing the rest', async () => {
      const server = await startServer();
      const a = await laptop(server, 'aigerim@steppe.kz', 'correct horse 1');
      const b = await laptop(server, 'dmitry@steppe.kz', 'correct horse 2');
      const client = await a.api.call('clients.create', { name: 'Steppe Agro', kind: 'company' });
      // An old app version (or a bug) wrote a value the rules do not allow into this laptop's outbox.
      const { sqlite } = await openDatabase({
        file: join(a.dataDir, DATABASE_FILE),
        backupDir: join(a.dataDir, 'b'),
      });
      sqlite
        // The client's creation is one entry holding every field (db/records/creation-entry.ts).
        .prepare(
          `UPDATE change_log SET new_value = json_set(new_value, '$.vip', 'yes')
            WHERE row_id = ? AND field = 'created_at'`,
        )
        .run(client.id);
      sqlite.close();
      await a.api.call('clients.create', { name: 'Later Client', kind: 'person' });
      const status = await a.api.call('sync.now', {});
      const setAside = await a.api.call('sync.setAside', {});
      // Every op of the refused transaction is kept here: the bad value, and the rest of that client.
      expect(status).toMatchObject({ state: 'synced', pending: 0, setAside: setAside.total });
      expect(setAside.items.every((item) => item.direction === 'out' && item.recordId === client.id)).toBe(
        true,
      );
      const vip = setAside.items.find((item) => item.field === 'vip');
      expect(vip).toMatchObject({ entity: 'client', rule: 'invalid_type' });
      expect(vip?.reason).toContain('client.vip');
      const name = setAside.items.find((item) => item.field === 'name');
      expect(name?.reason).toContain('not stored with the rest of its change: client.vip');
      // The refused transaction did not reach the team; the next one did.
      await b.api.call('sync.now', {});
      expect((await b.api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Later Client']);
      // Here, nothing typed is lost.
      expect((await a.api.call('clients.get', { id: client.id })).name).toBe('Steppe Agro');
    });

    it('a poisoned server log leaves every laptop syncing, a new laptop too, and says what it set aside', async () => {
      const server = await startServer();
      const a = await laptop(server, 'aigerim@steppe.kz', 'correct horse 1');
      const good = await a.api.call('clients.create', { name: 'Good Client', kind: 'company', vip: true });
      const poisoned = await a.api.call('clients.create', { name: 'Poisoned Client', kind: 'company' });
      await a.api.call('sync.now', {});
      // Values stored by an older server version that never checked them, written straight into its log.
      const team = await server.db.selectFrom('team').select('id').executeTakeFirstOrThrow();
      const later = '7fffffff0000-00000-oldversion';
      const broken: [string, string, string][] = [
        [poisoned.id, 'vip', '"yes"'],
        [poisoned.id, 'stage', '"bogus"'],
        [poisoned.id, 'notes', '"Still readable"'],
        [ROW, 'created_at', '"2026-11-30T10:00:00.000Z"'],
        [ROW, 'name', '42'],
        [ROW, 'kind', '"company"'],
      ];
      for (const [rowId, field, value] of broken) {
        await server.db
          .insertInto('change')
          .values({
            team_id: team.id,
            table_name: 'client',
            row_id: rowId,
            field,
            value,
            hlc: later,
            device_id: 'oldversion',
            counter: 1,
            seen_seq: 0,
            received_at: '2026-11-30T10:00:00.000Z',
          })
          .execute();
        const state = { value, hlc: later };
        const updated = await server.db
          .updateTable('field_state')
          .set(state)
          .where('team_id', '=', team.id)
          .where('table_name', '=', 'client')
          .where('row_id', '=', rowId)
          .where('field', '=', field)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0)
          await server.db
            .insertInto('field_state')
            .values({ team_id: team.id, table_name: 'client', row_id: rowId, field, ...state })
            .execute();
      }
      const expectSetAside = async (api: ApiClient) => {
        const status = await api.call('sync.now', {});
        expect(status).toMatchObject({ state: 'synced', lastError: null, setAside: 5 });
        const items = (await api.call('sync.setAside', {})).items;
        // The bad values, and the client that cannot be created without a name (all of it, visibly).
        expect(items.map((item) => [item.field, item.rule]).sort()).toEqual([
          ['created_at', 'incomplete_row'],
          ['kind', 'incomplete_row'],
          ['name', 'invalid_type'],
          ['stage', 'invalid_value'],
          ['vip', 'invalid_type'],
        ]);
        expect(items.every((item) => item.direction === 'in')).toBe(true);
        const shown = await api.call('clients.get', { id: poisoned.id });
        // The good value of the same record still arrived; the bad ones did not replace anything.
        expect(shown).toMatchObject({
          name: 'Poisoned Client',
          vip: false,
          stage: 'prospect',
          notes: 'Still readable',
        });
        expect((await api.call('clients.get', { id: good.id })).vip).toBe(true);
      };
      await expectSetAside(a.api);
      // A new laptop's first sync (a snapshot of the same field states) gets everything else.
      const c = await laptop(server, 'dmitry@steppe.kz', 'correct horse 2');
      await expectSetAside(c.api);
      // And sync goes on both ways.
      await c.api.call('clients.update', { id: good.id, segment: 'Retail' });
      await c.api.call('sync.now', {});
      await a.api.call('sync.now', {});
      expect((await a.api.call('clients.get', { id: good.id })).segment).toBe('Retail');
      // Once seen, a bad value can be discarded: it is gone from the list and the count, never applied,
      // and the next round does not bring it back (the server's cursor has moved past it).
      const before = await a.api.call('sync.setAside', {});
      const vip = before.items.find((item) => item.field === 'vip');
      if (!vip) throw new Error('vip is not set aside');
      const after = await a.api.call('sync.discardSetAside', { id: vip.id });
      expect(after.total).toBe(before.total - 1);
      expect(after.items.map((item) => item.field)).not.toContain('vip');
      expect(await a.api.call('sync.now', {})).toMatchObject({ state: 'synced', setAside: before.total - 1 });
      expect((await a.api.call('clients.get', { id: poisoned.id })).vip).toBe(false);
      expect((await appErrorOf(a.api.call('sync.discardSetAside', { id: vip.id }))).code).toBe('not_found');
    });
  });
}
