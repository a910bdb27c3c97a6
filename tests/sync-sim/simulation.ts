import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, DATABASE_FILE, openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import { Random } from '../../db/seed/random.ts';
import { buildServer } from '../../server/app.ts';
import { SyncService } from '../../server/service.ts';
import { type ServerStore, openSqliteStore } from '../../server/store.ts';
import type { ApiClient } from '../../shared/api/client.ts';

/**
 * The deterministic sync simulation of SYNC.md: a seeded schedule of devices (real SQLite databases
 * behind the real API) and one real server, with random creates, edits, deletes, restores and undos,
 * offline spells, clock skew of up to an hour, duplicated pushes and replies lost after the server
 * committed. After everyone syncs with no faults, every device must hold the same rows as the server's
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
  faults: { lostReplies: number; duplicates: number; offlineRounds: number };
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
  const faults = { lostReplies: 0, duplicates: 0, offlineRounds: 0 };
  await service.createTeam({ name: 'Sim', adminEmail: 'user0@sim.kz', adminPassword: 'simulation 0' });
  const devices: Device[] = [];
  try {
    for (let i = 0; i < deviceCount; i++) {
      if (i > 0)
        await service.addUser({
          team: 'Sim',
          email: `user${String(i)}@sim.kz`,
          password: `simulation ${String(i)}`,
          role: 'member',
        });
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
        backend: await openBackend({
          dataDir,
          now: () => new Date(Date.now() + clock.skew),
          logger: SILENT,
          timers: STILL_TIMERS,
          dailyBackups: false,
          fetch: faultyFetch(() => device, faults),
        }),
        api: undefined as unknown as ApiClient,
        clock,
      };
      device.api = createDirectClient(device.backend);
      await device.api.call('sync.connect', {
        serverUrl,
        email: `user${String(i)}@sim.kz`,
        password: `simulation ${String(i)}`,
      });
      devices.push(device);
    }

    const known: string[] = [];
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
    for (let round = 0; round < 2; round++) {
      for (const device of devices) {
        const status = await device.api.call('sync.now', {});
        if (status.state !== 'synced')
          throw new Error(`${device.name} did not sync: ${status.lastError ?? status.state}`);
      }
    }

    const expected = await serverClients(service);
    // The oracle: every acknowledged change replayed in clock order, independent of the server's merge.
    const replayed = await replayAcknowledged(service);
    const serverDiff = firstDifference(replayed, expected);
    if (serverDiff)
      throw new Error(
        `seed ${String(options.seed)}: the server's state is not the replay of its log: ${serverDiff}`,
      );
    for (const device of devices) {
      const actual = deviceClients(device);
      const diff = firstDifference(expected, actual);
      if (diff)
        throw new Error(`seed ${String(options.seed)}: ${device.name} differs from the server: ${diff}`);
      const status = await device.api.call('sync.status', {});
      if (status.pending !== 0)
        throw new Error(
          `seed ${String(options.seed)}: ${device.name} still has ${String(status.pending)} unsent changes`,
        );
    }
    return { seed: options.seed, devices: deviceCount, steps, clients: Object.keys(expected).length, faults };
  } finally {
    for (const device of devices) device.backend.close();
    await app.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
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

const COMPARED = ['name', 'kind', 'notes', 'stage', 'segment', 'vip', 'region', 'deleted_at'] as const;

/** Every client as the server's merged field states say. */
async function serverClients(service: SyncService): Promise<Snapshot> {
  const rows = await service.db
    .selectFrom('field_state')
    .select(['row_id', 'field', 'value'])
    .where('table_name', '=', 'client')
    .execute();
  const snapshot: Snapshot = {};
  for (const row of rows) {
    if (!(COMPARED as readonly string[]).includes(row.field)) continue;
    const client = (snapshot[row.row_id] ??= {});
    client[row.field] = JSON.parse(row.value) as unknown;
  }
  for (const client of Object.values(snapshot)) for (const field of COMPARED) client[field] ??= null;
  return snapshot;
}

/** Replays the server's change log: for each client field, the value of the write with the newest clock. */
async function replayAcknowledged(service: SyncService): Promise<Snapshot> {
  const changes = await service.db
    .selectFrom('change')
    .select(['row_id', 'field', 'value', 'hlc'])
    .where('table_name', '=', 'client')
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
    if (!(COMPARED as readonly string[]).includes(field)) continue;
    (snapshot[rowId] ??= {})[field] = JSON.parse(value) as unknown;
  }
  for (const client of Object.values(snapshot)) for (const field of COMPARED) client[field] ??= null;
  return snapshot;
}

/** Every client in a device's database. */
function deviceClients(device: Device): Snapshot {
  const sqlite = new BetterSqlite3(join(device.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = sqlite.prepare(`SELECT id, ${COMPARED.join(', ')} FROM client`).all() as Record<
      string,
      unknown
    >[];
    return Object.fromEntries(
      rows.map((row) => [
        String(row.id),
        Object.fromEntries(COMPARED.map((field) => [field, row[field] ?? null])),
      ]),
    );
  } finally {
    sqlite.close();
  }
}

function firstDifference(expected: Snapshot, actual: Snapshot): string | null {
  const ids = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const id of ids) {
    const a = expected[id];
    const b = actual[id];
    if (!a || !b) return `client ${id} is ${a ? 'missing on the device' : 'unknown to the server'}`;
    for (const field of COMPARED) {
      if (a[field] !== b[field])
        return `client ${id} ${field}: server ${JSON.stringify(a[field])}, device ${JSON.stringify(b[field])}`;
    }
  }
  return null;
}
