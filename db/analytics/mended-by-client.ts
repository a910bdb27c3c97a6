import type { ReadDb } from '../sql.ts';
import { type ClientOwnedTable, changedSince, clientsTouchedSince } from './changes-since.ts';
import { type DataStand, dataStand, mendableTo } from './data-stand.ts';

/** What one kind of per-client value is read from, and how. */
export interface MendedSpec<T> {
  /** The kind of value (one cache each), e.g. 'segments.totals'. */
  name: string;
  /** What the values depend on besides the rows: period, currency, day… (one entry per key). */
  key: string;
  /** The tables whose changed rows make their clients' values be read again. */
  tables: readonly ClientOwnedTable[];
  /** Tables not owned by one client (campaigns, their members): any change there reads everything again. */
  wholeOn?: readonly string[];
  /**
   * The values of the clients in `ids` (a JSON array of ids, for `IN (SELECT value FROM json_each(?))`),
   * or of every client when `ids` is null; a client with no value is left out.
   */
  read: (ids: string | null) => Map<string, T>;
}

interface Entry extends DataStand {
  key: string;
  values: Map<string, unknown>;
}

/** Keys remembered per kind: a few pages look at a few periods at a time. */
const KEEP = 4;
const caches = new WeakMap<ReadDb, Map<string, Entry[]>>();

/**
 * Per-client values of one kind, kept in memory between answers and mended from the change log (the
 * pattern of figures/interaction-seconds.ts, for every page): the first answer reads every client; later
 * ones read again only the clients whose rows in `tables` changed since (typed, imported, undone, merged,
 * received by sync: every change is logged), so a page shown right after a payment costs a few index
 * seeks, not a scan. A cancelled import (its change log removed with its rows), a change in `wholeOn`, a
 * write by another connection, or more changes than are worth mending read everything again. The map is the cache's own: read, never keep.
 */
export function mendedByClient<T>(db: ReadDb, spec: MendedSpec<T>): ReadonlyMap<string, T> {
  const stand = dataStand(db);
  const { seq } = stand;
  let kinds = caches.get(db);
  if (kinds === undefined) caches.set(db, (kinds = new Map<string, Entry[]>()));
  const cached = kinds.get(spec.name) ?? [];
  const found = cached.find((entry) => entry.key === spec.key && mendableTo(entry, stand));
  if (found && found.seq === seq) return found.values as Map<string, T>;
  if (found && !changedSince(db, found.seq, spec.wholeOn ?? [])) {
    const clients = clientsTouchedSince(db, found.seq, spec.tables);
    if (clients !== null) {
      const values = found.values as Map<string, T>;
      if (clients.size > 0) {
        const fresh = spec.read(JSON.stringify([...clients]));
        for (const id of clients) {
          const value = fresh.get(id);
          if (value === undefined) values.delete(id);
          else values.set(id, value);
        }
        journalOf(values).push(clients);
      }
      found.seq = seq;
      return values;
    }
  }
  const values = spec.read(null);
  const entry: Entry = { key: spec.key, ...stand, values };
  kinds.set(
    spec.name,
    [entry, ...cached.filter((other) => other !== found && other.key !== spec.key)].slice(0, KEEP),
  );
  return values;
}

/** The clients read again into a cache's map, by mend: the newest last, a few dozen kept. */
class Journal {
  version = 0;
  private mends: { version: number; clients: ReadonlySet<string> }[] = [];

  push(clients: ReadonlySet<string>): void {
    this.version += 1;
    this.mends.push({ version: this.version, clients });
    if (this.mends.length > JOURNAL) this.mends.shift();
  }

  since(version: number): Set<string> | null {
    if (version === this.version) return new Set();
    const first = this.mends[0];
    if (first === undefined || first.version > version + 1 || version > this.version) return null;
    const clients = new Set<string>();
    for (const mend of this.mends) if (mend.version > version) for (const id of mend.clients) clients.add(id);
    return clients;
  }
}

const JOURNAL = 64;
const journals = new WeakMap<ReadonlyMap<string, unknown>, Journal>();

function journalOf(values: ReadonlyMap<string, unknown>): Journal {
  let journal = journals.get(values);
  if (journal === undefined) journals.set(values, (journal = new Journal()));
  return journal;
}

/**
 * How far a map {@link mendedByClient} returned has been mended, for {@link mendedSince}: a page that
 * keeps sums over a cache's values adjusts them by the clients read again since, not by every client.
 */
export function mendVersion(values: ReadonlyMap<string, unknown>): number {
  return journalOf(values).version;
}

/**
 * The clients whose values in `values` were read again after its {@link mendVersion} `version`; `null`
 * when that is no longer known (too many mends since), so sums over it must be made afresh. A cache
 * read afresh is another map: callers compare the map itself first.
 */
export function mendedSince(values: ReadonlyMap<string, unknown>, version: number): Set<string> | null {
  return journalOf(values).since(version);
}

/**
 * The condition that keeps the clients a {@link MendedSpec.read} was asked for: nothing for all of them,
 * else `AND <column> IN (…@ids)`, with the ids passed as the named parameter `ids`.
 */
export function onlyClients(column: string, ids: string | null): string {
  return ids === null ? '' : `AND ${column} IN (SELECT value FROM json_each(@ids))`;
}

/** The rows of a per-client read grouped by their client, in the order read. */
export function groupedByClient<Row>(
  rows: readonly Row[],
  clientOf: (row: Row) => string,
): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const own = grouped.get(clientOf(row));
    if (own) own.push(row);
    else grouped.set(clientOf(row), [row]);
  }
  return grouped;
}

/** The rows of the clients a scope keeps (`clients`), from rows kept per client. */
export function rowsOfClients<Row>(
  all: ReadonlyMap<string, readonly Row[]>,
  clients: ReadonlyMap<string, unknown>,
): Row[] {
  const kept: Row[] = [];
  for (const [id, rows] of all) if (clients.has(id)) kept.push(...rows);
  return kept;
}
