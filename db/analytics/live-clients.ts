import type { AnalyticsFilters } from '../../shared/domain/analytics.ts';
import type { lifecycleStages } from '../../shared/entities/entities.ts';
import type { ReadDb } from '../sql.ts';
import { type DataPosition, clientsTouchedSince, dataPosition } from './changes-since.ts';

/** A live client as the Insights filter, group and list it. */
export interface LiveClient {
  id: string;
  name: string;
  segment: string | null;
  industry: string | null;
  region: string | null;
  source: string | null;
  stage: (typeof lifecycleStages)[number];
  vip: boolean;
  ownerId: string | null;
}

interface Entry {
  position: DataPosition;
  clients: Map<string, LiveClient>;
  /**
   * The clients some filters keep ({@link clientsKeptBy}), by filters, as of `position`: every answer
   * of the Insights asks for its scope's, and making the list of 100k clients afresh took 10-50 ms.
   */
  kept: Map<string, readonly LiveClient[]>;
}

const entries = new WeakMap<ReadDb, Entry>();

const COLUMNS = 'id, name, segment, industry, region, source, stage, vip, owner_id AS ownerId';

/**
 * Every live client of the database, by id, kept in memory and mended from the change log. The wide
 * client rows cost about a second to scan at 100k clients; the first read after opening walks the
 * covering index client_live_attributes (migration 0013) instead, and every later answer re-reads only
 * the clients changed since (created, edited, deleted, merged, undone, received by sync, imported: every
 * change to a client is logged). A cancelled import removes rows and their log, so it reads all again.
 * The map is shared: callers never change it.
 */
export function liveClients(db: ReadDb): ReadonlyMap<string, LiveClient> {
  const position = dataPosition(db);
  const entry = entries.get(db);
  if (entry && entry.position.imports === position.imports && entry.position.seq <= position.seq) {
    if (entry.position.seq === position.seq) return entry.clients;
    const touched = clientsTouchedSince(db, entry.position.seq, ['client']);
    if (touched !== null) {
      readAgain(db, entry.clients, touched);
      entry.position = position;
      entry.kept.clear();
      return entry.clients;
    }
  }
  // Rows as arrays, made into clients directly: one object a client, not two.
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM client INDEXED BY client_live_attributes WHERE deleted_at IS NULL`)
    .raw()
    .all() as Row[];
  const clients = new Map<string, LiveClient>();
  for (const row of rows) clients.set(row[0], liveClientOf(row));
  entries.set(db, { position, clients, kept: new Map() });
  return clients;
}

/** A row of {@link COLUMNS}, as an array. */
type Row = [
  id: string,
  name: string,
  segment: string | null,
  industry: string | null,
  region: string | null,
  source: string | null,
  stage: LiveClient['stage'],
  vip: number,
  ownerId: string | null,
];

function liveClientOf([id, name, segment, industry, region, source, stage, vip, ownerId]: Row): LiveClient {
  return { id, name, segment, industry, region, source, stage, vip: vip === 1, ownerId };
}

function readAgain(db: ReadDb, clients: Map<string, LiveClient>, ids: ReadonlySet<string>): void {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM client WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
    )
    .raw()
    .all(JSON.stringify([...ids])) as Row[];
  for (const id of ids) clients.delete(id);
  for (const row of rows) clients.set(row[0], liveClientOf(row));
}

/**
 * The live clients the filters keep, exactly as the SQL condition of resolveScope (scope.ts) does:
 * typed values compared after SQLite's trim() (spaces only) and lower() (ASCII letters only).
 */
export function clientsKeptBy(db: ReadDb, filters: AnalyticsFilters): readonly LiveClient[] {
  const clients = liveClients(db);
  const lists = entries.get(db)?.kept;
  // No filter is 0, never null: `ownerId: null` is a filter (the clients without an owner).
  const key = JSON.stringify(
    [filters.ownerId, filters.stage, filters.segment, filters.industry, filters.region, filters.source].map(
      (value) => (value === undefined ? 0 : value),
    ),
  );
  const known = lists?.get(key);
  if (known !== undefined) return known;
  const kept = keptOf(clients, filters);
  if (lists !== undefined) {
    if (lists.size >= KEPT_LISTS) lists.delete(lists.keys().next().value as string);
    lists.set(key, kept);
  }
  return kept;
}

/** Lists of kept clients remembered at a time (a few filters are looked at in turn). */
const KEPT_LISTS = 8;

function keptOf(clients: ReadonlyMap<string, LiveClient>, filters: AnalyticsFilters): readonly LiveClient[] {
  const wanted = {
    segment: filters.segment === undefined ? undefined : asciiLower(filters.segment),
    industry: filters.industry === undefined ? undefined : asciiLower(filters.industry),
    region: filters.region === undefined ? undefined : asciiLower(filters.region),
    source: filters.source === undefined ? undefined : asciiLower(filters.source),
  };
  const typed = (['segment', 'industry', 'region', 'source'] as const).filter(
    (column) => wanted[column] !== undefined,
  );
  const kept: LiveClient[] = [];
  for (const client of clients.values()) {
    if (filters.ownerId !== undefined && client.ownerId !== filters.ownerId) continue;
    if (filters.stage !== undefined && client.stage !== filters.stage) continue;
    if (typed.some((column) => sqlFolded(client[column]) !== wanted[column])) continue;
    kept.push(client);
  }
  return Object.freeze(kept);
}

/** A typed value as `lower(trim(value))` in SQLite reads it; `null` stays `null` (it matches nothing). */
export function sqlFolded(value: string | null): string | null {
  return value === null ? null : asciiLower(sqlTrim(value));
}

/** SQLite's trim(): spaces only, not every kind of white space as String.prototype.trim. */
export function sqlTrim(value: string): string {
  return value.replace(/^ +| +$/g, '');
}

/** SQLite's lower() without ICU: only A–Z change. */
function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
