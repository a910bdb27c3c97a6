import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, openBackend } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { openDatabase } from '../../db/open-database.ts';
import { createDb } from '../../db/sql.ts';
import { applyChanges, replayQuarantine } from '../../db/sync/apply.ts';
import { HybridClock } from '../../shared/hlc.ts';
import type { PulledChange, PushResponse } from '../../shared/sync/protocol.ts';
import { login } from '../../db/sync/sync-client.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import { Random } from '../../db/seed/random.ts';
import { buildServer } from '../../server/app.ts';
import { SyncService } from '../../server/service.ts';
import { type ServerStore, openSqliteStore } from '../../server/store.ts';
import type { ApiClient } from '../../shared/api/client.ts';

/**
 * The deterministic sync simulation of SYNC.md: a seeded schedule of devices (real SQLite databases
 * behind the real API) and one real server, with random creates, edits, deletes, restores, undos,
 * merges of duplicates and calls logged, offline spells, clock skew of up to an hour, duplicated pushes,
 * replies lost after the server committed, and crashes between applying pulled pages and saving the
 * cursor. After everyone syncs with no faults, every device must hold the same rows as the server's
 * merged state. A failing seed is reported so it can be replayed.
 */

export interface SimulationOptions {
  seed: number;
  devices?: number;
  steps?: number;
  /** The server's database (default: a SQLite file in the run's temp folder). */
  openStore?: (root: string) => Promise<ServerStore>;
}

export interface SimulationResult {
  seed: number;
  devices: number;
  steps: number;
  clients: number;
  /** Merges made on the devices, and clients still merged into another at the end (undo, restore). */
  merges: number;
  merged: number;
  faults: {
    lostReplies: number;
    duplicates: number;
    offlineRounds: number;
    crashes: number;
    /** Mutations with a value the rules refuse, pushed by an old or buggy app (all refused). */
    badPushes: number;
  };
}

const SILENT = { info() {}, warn() {}, error() {} };
const STILL_TIMERS = { setTimeout: () => ({}), clearTimeout: () => undefined };
const EDITABLE = ['name', 'notes', 'stage', 'segment', 'vip', 'region'] as const;
const STAGES = ['prospect', 'lead', 'active', 'loyal', 'lapsed', 'lost'] as const;

interface Device {
  name: string;
  backend: Backend;
  api: ApiClient;
  dataDir: string;
  online: boolean;
  /** Faults of this device's network, switched per step by the schedule. */
  network: { dropNextReply: boolean; duplicateNextPush: boolean };
  /** How wrong this device's wall clock is, in ms; the schedule makes it jump now and then. */
  clock: { skew: number };
  /** Opens (again) the app's backend on the device's data folder. */
  open: () => Promise<void>;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const random = new Random(options.seed);
  const deviceCount = options.devices ?? random.int(3, 12);
  const steps = options.steps ?? 120;
  const root = mkdtempSync(join(tmpdir(), `rapport-sim-${String(options.seed)}-`));
  const store = await (options.openStore ?? ((dir: string) => openSqliteStore(join(dir, 'server.db'))))(root);
  const service = new SyncService({ store });
  const app = buildServer({ service });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  const serverUrl = `http://127.0.0.1:${String(address.port)}`;
  const faults = { lostReplies: 0, duplicates: 0, offlineRounds: 0, crashes: 0, badPushes: 0 };
  await service.createTeam({ name: 'Sim', adminEmail: 'user0@sim.kz', adminPassword: 'simulation 0' });
  const devices: Device[] = [];
  try {
    /** A laptop of user `user`, signed in and synced. */
    const addDevice = async (i: number, user: number): Promise<Device> => {
      const dataDir = join(root, `device-${String(i)}`);
      // Clock skew up to an hour either way, and it may jump later: a laptop whose clock is wrong must
      // still order correctly (its future-dated changes get re-stamped by the server).
      const clock = { skew: random.int(-3600, 3600) * 1000 };
      const network = { dropNextReply: false, duplicateNextPush: false };
      const device: Device = {
        name: `device-${String(i)}`,
        dataDir,
        online: true,
        network,
        backend: undefined as unknown as Backend,
        api: undefined as unknown as ApiClient,
        clock,
        open: async () => {
          device.backend = await openBackend({
            dataDir,
            now: () => new Date(Date.now() + clock.skew),
            logger: SILENT,
            timers: STILL_TIMERS,
            dailyBackups: false,
            fetch: faultyFetch(() => device, faults),
          });
          device.api = createDirectClient(device.backend);
        },
      };
      await device.open();
      await device.api.call('sync.connect', {
        serverUrl,
        email: `user${String(user)}@sim.kz`,
        password: `simulation ${String(user)}`,
      });
      return device;
    };
    for (let i = 0; i < deviceCount; i++) {
      if (i > 0)
        await service.addUser({
          team: 'Sim',
          email: `user${String(i)}@sim.kz`,
          password: `simulation ${String(i)}`,
          role: 'member',
        });
      devices.push(await addDevice(i, i));
    }

    const rogue = await rogueDevice(serverUrl, options.seed);
    const known: string[] = [];
    let merges = 0;
    for (let step = 0; step < steps; step++) {
      const device = random.pick(devices);
      const roll = random.next();
      if (roll < 0.08) {
        device.online = !device.online;
      } else if (roll < 0.1) {
        device.clock.skew += random.int(-3600, 3600) * 1000;
      } else if (roll < 0.3 || known.length === 0) {
        const client = await device.api.call('clients.create', {
          name: `Client ${String(step)}`,
          kind: random.chance(0.5) ? 'company' : 'person',
        });
        known.push(client.id);
      } else if (roll < 0.7) {
        await edit(device.api, random, random.pick(known));
      } else if (roll < 0.78) {
        await device.api.call('clients.delete', { id: random.pick(known) }).catch(() => undefined);
      } else if (roll < 0.83) {
        await device.api.call('clients.restore', { id: random.pick(known) }).catch(() => undefined);
      } else if (roll < 0.86) {
        await device.api.call('history.undo', {}).catch(() => undefined);
      } else if (roll < 0.89) {
        // Merging a duplicate: two of the clients this device has.
        const { items } = await device.api.call('clients.list', { limit: 100 });
        if (items.length >= 2) {
          const loser = random.pick(items);
          const winner = random.pick(items.filter((client) => client.id !== loser.id));
          await device.api.call('clients.merge', { id: loser.id, intoId: winner.id });
          merges++;
        }
      } else if (roll < 0.93) {
        await device.api
          .call('interactions.log', {
            clientId: random.pick(known),
            kind: 'call',
            summary: `Call ${String(step)}`,
          })
          .catch(() => undefined);
      } else if (roll < 0.95) {
        // The laptop crashes after applying pulled pages but before their cursor was saved (what one
        // transaction prevents; here forced): on restart it pulls those pages again.
        device.backend.close();
        rewindCursor(device, random);
        await device.open();
        faults.crashes++;
      } else if (roll < 0.965) {
        // An old or buggy app on another laptop pushes values the rules refuse, beside a good edit.
        await rogue.push(random, random.pick(known), step);
        faults.badPushes++;
      } else {
        device.network.dropNextReply = random.chance(0.2);
        device.network.duplicateNextPush = random.chance(0.2);
        await device.api.call('sync.now', {});
      }
    }

    // Everyone back online, no more faults: two full rounds bring every device to the same state.
    for (const device of devices) {
      device.online = true;
      device.network.dropNextReply = false;
      device.network.duplicateNextPush = false;
    }
    // Rounds until one passes in which nobody sends anything: what a device redirects after pulling a
    // merge goes up in its next round.
    let head = await headSeq(service);
    for (let round = 0; ; round++) {
      if (round === 8) throw new Error(`seed ${String(options.seed)}: sync did not settle in 8 rounds`);
      for (const device of devices) {
        const status = await device.api.call('sync.now', {});
        if (status.state !== 'synced')
          throw new Error(`${device.name} did not sync: ${status.lastError ?? status.state}`);
      }
      const next = await headSeq(service);
      if (next === head && round > 0) break;
      head = next;
    }

    // A laptop that joins after all this starts from the team's log and must end up the same too.
    devices.push(await addDevice(deviceCount, 0));
    // And the log applied in a random order, in random pieces, must give the same rows (the merge
    // rule does not care about order; rows whose creation comes later wait in quarantine).
    const shuffled = await applyShuffled(service, join(root, 'shuffled'), random);

    for (const [table, fields] of Object.entries(COMPARED)) {
      const expected = await serverRows(service, table, fields);
      const reordered = firstDifference(expected, rowsIn(shuffled, table, fields), table, fields);
      if (reordered)
        throw new Error(
          `seed ${String(options.seed)}: the log applied out of order differs: ${reordered.text}`,
        );
      // The oracle: every acknowledged change replayed in clock order, independent of the server's merge.
      const replayed = await replayAcknowledged(service, table, fields);
      const serverDiff = firstDifference(replayed, expected, table, fields);
      if (serverDiff)
        throw new Error(
          `seed ${String(options.seed)}: the server's state is not the replay of its log: ${serverDiff.text}`,
        );
      for (const device of devices) {
        const diff = firstDifference(expected, deviceRows(device, table, fields), table, fields);
        if (diff)
          throw new Error(
            `seed ${String(options.seed)}: ${device.name} differs from the server: ${diff.text}\n${await explain(service, device, table, diff)}`,
          );
      }
    }
    for (const device of devices) {
      const stranded = strandedCalls(device);
      if (stranded > 0)
        throw new Error(
          `seed ${String(options.seed)}: ${device.name} has ${String(stranded)} live calls on merged clients`,
        );
      const status = await device.api.call('sync.status', {});
      if (status.pending !== 0)
        throw new Error(
          `seed ${String(options.seed)}: ${device.name} still has ${String(status.pending)} unsent changes`,
        );
    }
    const clients = Object.keys(await serverRows(service, 'client', COMPARED.client)).length;
    const merged = Object.values(await serverRows(service, 'client', COMPARED.client)).filter(
      (client) => client.merged_into !== null,
    ).length;
    return { seed: options.seed, devices: deviceCount, steps, clients, merges, merged, faults };
  } finally {
    for (const device of devices) device.backend.close();
    await app.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Values the declarations refuse, as an old app version might push them (SYNC.md's wire checks). */
const BAD_VALUES: readonly [field: string, json: string][] = [
  ['vip', '"yes"'],
  ['stage', '"bogus"'],
  ['name', '123'],
  ['kind', 'null'],
  ['notes', 'not json'],
  ['region', `"${'x'.repeat(500)}"`],
];

/**
 * A laptop running an old or buggy app, signed in as user 0: each push is one mutation with a bad value
 * for a client (the server must refuse all of it, storing nothing) and one good edit of a text (which
 * every laptop must then have).
 */
async function rogueDevice(serverUrl: string, seed: number) {
  const deviceId = `0190a5b2-0000-7000-8000-${String(seed).padStart(12, '0')}`;
  const tokens = await login(serverUrl, {
    email: 'user0@sim.kz',
    password: 'simulation 0',
    deviceId,
    deviceName: 'old app',
  });
  const clock = new HybridClock(`oldapp${String(seed)}`);
  let counter = 0;
  return {
    async push(random: Random, clientId: string, step: number): Promise<void> {
      const [field, json] = random.pick(BAD_VALUES);
      const mutations = [
        { counter: ++counter, seen: 0, ops: [['client', clientId, field, json, clock.tick()]] },
        {
          counter: ++counter,
          seen: 0,
          ops: [['client', clientId, 'segment', JSON.stringify(`Old app ${String(step)}`), clock.tick()]],
        },
      ];
      const response = await fetch(`${serverUrl}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` },
        body: JSON.stringify({ mutations }),
      });
      const reply = (await response.json()) as PushResponse;
      const refused =
        (reply.rejected as PushResponse['rejected'] | undefined)?.map((entry) => entry.counter) ?? [];
      if (response.status !== 200 || reply.ackedCounter !== counter || refused.join() !== String(counter - 1))
        throw new Error(
          `seed ${String(seed)}: the server did not refuse exactly the bad mutation (${field} = ${json}): ${JSON.stringify(reply)}`,
        );
    },
  };
}

async function edit(api: ApiClient, random: Random, id: string): Promise<void> {
  const field = random.pick(EDITABLE);
  const value =
    field === 'stage'
      ? random.pick(STAGES)
      : field === 'vip'
        ? random.chance(0.5)
        : field === 'name'
          ? `Renamed ${String(random.int(1, 999))}`
          : random.chance(0.2)
            ? null
            : `${field} ${String(random.int(1, 999))}`;
  // Editing a client deleted elsewhere is refused locally (not_found); that is fine.
  await api.call('clients.update', { id, [field]: value }).catch(() => undefined);
}

/** The network of one device: offline, a reply lost after the server committed, or a push sent twice. */
function faultyFetch(device: () => Device, faults: SimulationResult['faults']): typeof fetch {
  return async (input, init) => {
    const current = device();
    if (!current.online) {
      faults.offlineRounds++;
      throw new TypeError('fetch failed: offline');
    }
    const isPush = input instanceof URL && input.pathname.endsWith('/push');
    if (isPush && current.network.duplicateNextPush) {
      current.network.duplicateNextPush = false;
      faults.duplicates++;
      await fetch(input, init);
    }
    const response = await fetch(input, init);
    if (isPush && current.network.dropNextReply) {
      current.network.dropNextReply = false;
      faults.lostReplies++;
      throw new TypeError('fetch failed: socket hang up');
    }
    return response;
  };
}

type Snapshot = Record<string, Record<string, unknown>>;

/** The tables and fields compared between the devices, the server and the oracle. */
const COMPARED = {
  client: ['name', 'kind', 'notes', 'stage', 'segment', 'vip', 'region', 'deleted_at', 'merged_into'],
  interaction: ['client_id', 'summary', 'deleted_at'],
} as const satisfies Record<string, readonly string[]>;

async function headSeq(service: SyncService): Promise<number> {
  const row = await service.db
    .selectFrom('change')
    .select((eb) => eb.fn.max('seq').as('head'))
    .executeTakeFirst();
  return row?.head ?? 0;
}

/** Every row of a table as the server's merged field states say. */
async function serverRows(service: SyncService, table: string, fields: readonly string[]): Promise<Snapshot> {
  const rows = await service.db
    .selectFrom('field_state')
    .select(['row_id', 'field', 'value'])
    .where('table_name', '=', table)
    .execute();
  const snapshot: Snapshot = {};
  for (const row of rows) {
    if (!fields.includes(row.field)) continue;
    const record = (snapshot[row.row_id] ??= {});
    record[row.field] = JSON.parse(row.value) as unknown;
  }
  for (const record of Object.values(snapshot)) for (const field of fields) record[field] ??= null;
  return snapshot;
}

/** Replays the server's change log: for each field, the value of the write with the newest clock. */
async function replayAcknowledged(
  service: SyncService,
  table: string,
  fields: readonly string[],
): Promise<Snapshot> {
  const changes = await service.db
    .selectFrom('change')
    .select(['row_id', 'field', 'value', 'hlc'])
    .where('table_name', '=', table)
    .orderBy('seq')
    .execute();
  const newest = new Map<string, { value: string; hlc: string }>();
  for (const change of changes) {
    const key = `${change.row_id}\u0000${change.field}`;
    const seen = newest.get(key);
    if (!seen || change.hlc > seen.hlc) newest.set(key, { value: change.value, hlc: change.hlc });
  }
  const snapshot: Snapshot = {};
  for (const [key, { value }] of newest) {
    const [rowId = '', field = ''] = key.split('\u0000');
    if (!fields.includes(field)) continue;
    (snapshot[rowId] ??= {})[field] = JSON.parse(value) as unknown;
  }
  for (const record of Object.values(snapshot)) for (const field of fields) record[field] ??= null;
  return snapshot;
}

/** Every row of a table in a device's database. */
function deviceRows(device: Device, table: string, fields: readonly string[]): Snapshot {
  return rowsIn(join(device.dataDir, DATABASE_FILE), table, fields);
}

/**
 * The server's whole log applied to a new database in a random order, in pieces of random size, each in
 * its own transaction, then what waited in quarantine (rows whose creation came later). Returns the file.
 */
async function applyShuffled(service: SyncService, dir: string, random: Random): Promise<string> {
  const rows = await service.db.selectFrom('change').selectAll().orderBy('seq').execute();
  const changes: PulledChange[] = rows.map((row) => ({
    seq: row.seq,
    table: row.table_name,
    rowId: row.row_id,
    field: row.field,
    value: row.value,
    hlc: row.hlc,
    deviceId: row.device_id,
    seen: row.seen_seq,
  }));
  for (let i = changes.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [changes[i], changes[j]] = [changes[j] as PulledChange, changes[i] as PulledChange];
  }
  const file = join(dir, DATABASE_FILE);
  const { sqlite } = await openDatabase({ file, backupDir: join(dir, 'backups') });
  try {
    const options = {
      db: createDb(sqlite),
      clock: new HybridClock('shuffle'),
      deviceId: 'shuffle',
      now: new Date(),
    };
    for (let at = 0; at < changes.length;) {
      const piece = changes.slice(at, at + random.int(1, 60));
      sqlite.transaction(() => applyChanges(piece, options))();
      at += piece.length;
    }
    replayQuarantine(options);
  } finally {
    sqlite.close();
  }
  return file;
}

/** Every row of a table in a database file. */
function rowsIn(file: string, table: string, fields: readonly string[]): Snapshot {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = sqlite.prepare(`SELECT id, ${fields.join(', ')} FROM "${table}"`).all() as Record<
      string,
      unknown
    >[];
    return Object.fromEntries(
      rows.map((row) => [
        String(row.id),
        Object.fromEntries(fields.map((field) => [field, row[field] ?? null])),
      ]),
    );
  } finally {
    sqlite.close();
  }
}

/** Sets the device's pull cursor back to a random earlier point, as a crash before saving it would. */
function rewindCursor(device: Device, random: Random): void {
  const sqlite = new BetterSqlite3(join(device.dataDir, DATABASE_FILE));
  try {
    const row = sqlite.prepare("SELECT value FROM local_meta WHERE key = 'sync.cursor'").get() as
      { value: string } | undefined;
    const cursor = Number(row?.value ?? 0);
    sqlite
      .prepare("UPDATE local_meta SET value = ? WHERE key = 'sync.cursor'")
      .run(String(random.int(0, cursor)));
  } finally {
    sqlite.close();
  }
}

/** Live calls still pointing at a client merged into another: a redirect that never happened. */
function strandedCalls(device: Device): number {
  const sqlite = new BetterSqlite3(join(device.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = sqlite
      .prepare(
        `SELECT count(*) AS n FROM interaction i JOIN client c ON c.id = i.client_id
         WHERE i.deleted_at IS NULL AND c.merged_into IS NOT NULL`,
      )
      .get() as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}

interface Difference {
  text: string;
  id: string;
  field: string | null;
}

function firstDifference(
  expected: Snapshot,
  actual: Snapshot,
  table: string,
  fields: readonly string[],
): Difference | null {
  const ids = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const id of ids) {
    const a = expected[id];
    const b = actual[id];
    if (!a || !b)
      return {
        id,
        field: null,
        text: `${table} ${id} is ${a ? 'missing on the device' : 'unknown to the server'}`,
      };
    for (const field of fields) {
      if (a[field] !== b[field])
        return {
          id,
          field,
          text: `${table} ${id} ${field}: server ${JSON.stringify(a[field])}, device ${JSON.stringify(b[field])}`,
        };
    }
  }
  return null;
}

/** For a failing seed: every write of the field the server logged, and what the device holds. */
async function explain(
  service: SyncService,
  device: Device,
  table: string,
  diff: Difference,
): Promise<string> {
  if (diff.field === null) return '';
  const logged = await service.db
    .selectFrom('change')
    .select(['seq', 'hlc', 'value', 'device_id'])
    .where('table_name', '=', table)
    .where('row_id', '=', diff.id)
    .where('field', '=', diff.field)
    .orderBy('seq')
    .execute();
  const sqlite = new BetterSqlite3(join(device.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = sqlite.prepare(`SELECT field_clocks FROM "${table}" WHERE id = ?`).get(diff.id) as
      { field_clocks: string } | undefined;
    const local = sqlite
      .prepare(
        'SELECT seq, hlc, new_value, origin FROM change_log WHERE table_name = ? AND row_id = ? AND field = ?',
      )
      .all(table, diff.id, diff.field);
    return [
      `server log: ${JSON.stringify(logged)}`,
      `device clock: ${JSON.stringify(row ? (JSON.parse(row.field_clocks) as Record<string, string>)[diff.field] : null)}`,
      `device log: ${JSON.stringify(local)}`,
    ].join('\n');
  } finally {
    sqlite.close();
  }
}
