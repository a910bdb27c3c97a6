import type { z } from 'zod';
import type {
  Client,
  ClientUpdateInput,
  ClientListInput,
  ClientPage,
  ClientSort,
  ClientSummary,
} from '../../shared/domain/client.ts';
import { currencyDigits } from '../../shared/domain/fields.ts';
import { columnMapOf } from '../../shared/entities/define.ts';
import { clientEntity } from '../../shared/entities/entities.ts';
import { fromRow, toPatch } from '../records/columns.ts';
import type { RowPatch } from '../records/synced-tables.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ClientRow } from '../schema.ts';
import type { ReadDb } from '../sql.ts';

/** The client's fields, synced and derived, as its declaration maps them to columns. */
const clientColumns = columnMapOf(clientEntity, { derived: true });
const clientSyncedColumns = columnMapOf(clientEntity);

/** Maps a row to the domain shape the API returns. */
function toClient(row: ClientRow): Client {
  return {
    ...(fromRow(row, clientColumns) as Omit<Client, 'mergedInto' | 'tags'>),
    mergedInto: row.merged_into,
    tags: [],
  };
}

/** The fields of a client a user may set, as the API passes them. */
export type ClientFieldValues = Omit<z.output<typeof ClientUpdateInput>, 'id'>;

/** Turns API field values into stored column values; fields left out stay out. */
export function clientPatch(fields: ClientFieldValues): RowPatch {
  return toPatch(fields, clientSyncedColumns);
}

/** The client with this id, deleted or not. */
export function findClient(db: ReadDb, id: string): Client | undefined {
  const row = db.first(db.q.selectFrom('client').selectAll().where('id', '=', id));
  return row && withTags(db, [toClient(row)])[0];
}

/** How each sort orders: its column (with an index `(column, id)` on live clients) and whether it can be null. */
const sortColumns: Record<Exclude<ClientSort, 'revenue'>, { column: string; nullable: boolean }> = {
  name: { column: 'sort_name', nullable: false },
  lastContact: { column: 'last_contact_at', nullable: true },
  nextFollowup: { column: 'next_followup_at', nullable: true },
  created: { column: 'created_at', nullable: false },
  quietSince: { column: 'quiet_since', nullable: true },
};

/** The list's filters; `ids` (resolved from an Insights drill-down by the caller) keeps only those clients. */
export type ClientListArgs = z.output<typeof ClientListInput> & { ids?: readonly string[] };

type Leg = 0 | 1;

/**
 * One page of live clients, filtered and sorted, with keyset pagination on (sort key, id). A nullable
 * sort is read in two legs, each an ordered walk of the same index: the clients with a value, then
 * those without (by id), so "no value" comes last in both directions. The cursor holds the leg, key and id.
 * SQL text is made of code constants; every value is a bound parameter.
 */
export function listClients(db: ReadDb, args: ClientListArgs, now: Date): ClientPage {
  if (args.sort === 'revenue') return listClientsByRevenue(db, args, now);
  const { column, nullable } = sortColumns[args.sort];
  const desc = args.direction === 'desc';
  const filter = clientFilter(args, now);
  const cursor = legCursor(args.after, nullable);
  const { leg, key } = cursor;
  let { afterId } = cursor;
  const rows: (ClientRow & { leg: Leg })[] = [];
  if (leg === 0) {
    const where = [...filter.where, nullable ? `${column} IS NOT NULL` : null];
    const params: unknown[] = [...filter.params];
    if (afterId !== null) {
      // A row-value comparison, which SQLite turns into a range of the index.
      where.push(`(${column}, id) ${desc ? '<' : '>'} (?, ?)`);
      params.push(key, afterId);
    }
    const order = desc ? 'DESC' : 'ASC';
    const sql = `SELECT * FROM client WHERE ${where.filter(Boolean).join(' AND ')}
      ORDER BY ${column} ${order}, id ${order} LIMIT ?`;
    for (const row of db.prepare(sql).all(...params, args.limit + 1) as ClientRow[])
      rows.push({ ...row, leg: 0 });
    afterId = null;
  }
  if (nullable && rows.length <= args.limit) {
    const where = [...filter.where, `${column} IS NULL`];
    const params: unknown[] = [...filter.params];
    if (afterId !== null) {
      where.push(`id ${desc ? '<' : '>'} ?`);
      params.push(afterId);
    }
    const sql = `SELECT * FROM client WHERE ${where.join(' AND ')} ORDER BY ${column}, id ${desc ? 'DESC' : 'ASC'} LIMIT ?`;
    const more = db.prepare(sql).all(...params, args.limit + 1 - rows.length) as ClientRow[];
    for (const row of more) rows.push({ ...row, leg: 1 });
  }
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > args.limit && last
      ? encodeCursor([
          last.leg,
          last.leg === 1 ? '' : ((last[column as keyof ClientRow] as string | null) ?? ''),
          last.id,
        ])
      : null;
  return { items: withTags(db, page.map(toClient)), nextCursor };
}

/** Where a two-leg page starts: the leg (1 only when the sort has one), its sort key and the last id. */
function legCursor(
  after: string | null | undefined,
  twoLegs: boolean,
): { leg: Leg; key: string | number | null; afterId: string | null } {
  if (!after) return { leg: 0, key: null, afterId: null };
  const [leg, key, id] = decodeCursor(after, 3);
  return { leg: leg === 1 && twoLegs ? 1 : 0, key: key ?? null, afterId: String(id) };
}

/**
 * Clients by lifetime revenue in one currency (index client_revenue_by_amount), then those with none in
 * it by name (index client_live_by_name). Lowest first, as every sort; `direction: 'desc'` for highest.
 */
function listClientsByRevenue(db: ReadDb, args: ClientListArgs, now: Date): ClientPage {
  const currency = args.revenueCurrency ?? mostUsedCurrency(db);
  const desc = args.direction === 'desc';
  const filter = clientFilter(args, now);
  const cursor = legCursor(args.after, true);
  const { leg, key } = cursor;
  let { afterId } = cursor;
  const rows: (ClientRow & { leg: Leg; revenue_minor: number | null })[] = [];
  if (leg === 0 && currency !== null) {
    const where = ['r.currency = ?', ...filter.where];
    const params: unknown[] = [currency, ...filter.params];
    if (afterId !== null) {
      where.push(`(r.revenue_minor, r.client_id) ${desc ? '<' : '>'} (?, ?)`);
      params.push(key, afterId);
    }
    const order = desc ? 'DESC' : 'ASC';
    const sql = `SELECT client.*, r.revenue_minor FROM client_revenue AS r CROSS JOIN client ON client.id = r.client_id
      WHERE ${where.join(' AND ')} ORDER BY r.revenue_minor ${order}, r.client_id ${order} LIMIT ?`;
    for (const row of db.prepare(sql).all(...params, args.limit + 1) as (ClientRow & {
      revenue_minor: number;
    })[])
      rows.push({ ...row, leg: 0 });
    afterId = null;
  }
  if (rows.length <= args.limit) {
    const where = [
      ...filter.where,
      'NOT EXISTS (SELECT 1 FROM client_revenue AS r WHERE r.client_id = client.id AND r.currency = ?)',
    ];
    const params: unknown[] = [...filter.params, currency ?? ''];
    if (afterId !== null) {
      where.push('(sort_name, id) > (?, ?)');
      params.push(key, afterId);
    }
    const sql = `SELECT * FROM client WHERE ${where.join(' AND ')} ORDER BY sort_name, id LIMIT ?`;
    for (const row of db.prepare(sql).all(...params, args.limit + 1 - rows.length) as ClientRow[])
      rows.push({ ...row, leg: 1, revenue_minor: null });
  }
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > args.limit && last
      ? encodeCursor([last.leg, last.leg === 0 ? (last.revenue_minor ?? 0) : last.sort_name, last.id])
      : null;
  return { items: withTags(db, page.map(toClient)), nextCursor };
}

/** The currency most clients have paid in; null when nobody has paid yet. */
function mostUsedCurrency(db: ReadDb): string | null {
  return revenueCurrencies(db)[0]?.currency ?? null;
}

/** The currencies clients have paid in, with how many clients each, most used first. */
export function revenueCurrencies(db: ReadDb): { currency: string; clients: number }[] {
  return db
    .prepare(
      `SELECT currency, count(*) AS clients FROM client_revenue AS r
       WHERE EXISTS (SELECT 1 FROM client WHERE client.id = r.client_id AND client.deleted_at IS NULL)
       GROUP BY currency ORDER BY clients DESC, currency`,
    )
    .all() as { currency: string; clients: number }[];
}

/** From this many ids on, a page walks its sort's index rather than looking each id up. */
const MANY_IDS = 1000;

/**
 * The WHERE terms of the filters, all on live clients (unqualified columns of `client`): the list and
 * the export of a filtered list (db/export) select exactly the same clients.
 */
export function clientFilter(args: ClientListArgs, now: Date): { where: string[]; params: unknown[] } {
  const where = ['deleted_at IS NULL'];
  const params: unknown[] = [];
  const add = (term: string, ...values: unknown[]) => {
    where.push(term);
    params.push(...values);
  };
  if (args.kind !== undefined) add('kind = ?', args.kind);
  if (args.stage !== undefined) add('stage = ?', args.stage);
  if (args.segment !== undefined) add('segment = ?', args.segment);
  if (args.ownerId === null) add('owner_id IS NULL');
  else if (args.ownerId !== undefined) add('owner_id = ?', args.ownerId);
  if (args.vip !== undefined) add('vip = ?', args.vip ? 1 : 0);
  if (args.ids !== undefined)
    // A few ids: looked up one by one. Many (an Insights drill-down of thousands): `+id` keeps SQLite from
    // looking up and sorting every one of them, so it walks the sort's index and checks each against
    // the list (at 100k clients and 20k ids, 45 ms instead of 700 ms for a page).
    add(
      `${args.ids.length > MANY_IDS ? '+id' : 'id'} IN (SELECT value FROM json_each(?))`,
      JSON.stringify(args.ids),
    );
  if (args.tagId !== undefined) {
    add('id IN (SELECT client_id FROM client_tag WHERE tag_id = ? AND deleted_at IS NULL)', args.tagId);
  }
  if (args.lastContactBefore !== undefined) {
    add('(last_contact_at IS NULL OR last_contact_at < ?)', new Date(args.lastContactBefore).toISOString());
  }
  if (args.goingQuiet === true) add('quiet_since < ?', now.toISOString());
  if (args.goingQuiet === false) add('(quiet_since IS NULL OR quiet_since >= ?)', now.toISOString());
  if (args.hasOverdueFollowup === true) add('next_followup_at < ?', now.toISOString());
  if (args.hasOverdueFollowup === false)
    add('(next_followup_at IS NULL OR next_followup_at >= ?)', now.toISOString());
  return { where, params };
}

/** Adds each client's live tags, with one query for the whole page. */
function withTags(db: ReadDb, clients: Client[]): Client[] {
  if (clients.length === 0) return clients;
  const rows = db
    .prepare(
      `SELECT DISTINCT ct.client_id, t.id, t.name, t.color, t.sort_name FROM client_tag ct
       JOIN tag t ON t.id = ct.tag_id AND t.deleted_at IS NULL
       WHERE ct.deleted_at IS NULL AND ct.client_id IN (SELECT value FROM json_each(?))
       ORDER BY t.sort_name, t.id`,
    )
    .all(JSON.stringify(clients.map((client) => client.id))) as {
    client_id: string;
    id: string;
    name: string;
    color: string | null;
  }[];
  const byClient = new Map<string, Client['tags']>();
  for (const { client_id: clientId, id, name, color } of rows) {
    const tags = byClient.get(clientId) ?? [];
    tags.push({ id, name, color });
    byClient.set(clientId, tags);
  }
  return clients.map((client) => ({
    ...client,
    tags: byClient.get(client.id) ?? [],
  }));
}

/** The sums of a client's header (index payment_live_by_client, deal_live_by_client, followup_live_by_client). */
export function clientSummary(db: ReadDb, id: string): ClientSummary {
  const money = db
    .prepare(
      `SELECT currency,
         sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END) AS revenue,
         sum(CASE kind WHEN 'payment' THEN amount_minor - coalesce(cost_minor, 0)
                       ELSE -(amount_minor - coalesce(cost_minor, 0)) END) AS profit
       FROM payment WHERE client_id = ? AND deleted_at IS NULL AND kind IN ('payment', 'refund')
       GROUP BY currency ORDER BY currency`,
    )
    .all(id) as { currency: string; revenue: number; profit: number }[];
  const count = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
  const major = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);
  return {
    id,
    revenue: money.map((row) => ({ currency: row.currency, amount: major(row.revenue, row.currency) })),
    profit: money.map((row) => ({ currency: row.currency, amount: major(row.profit, row.currency) })),
    openInvoices: count(
      `SELECT count(*) AS n FROM payment WHERE client_id = ? AND deleted_at IS NULL AND kind = 'invoice'
         AND paid_on IS NULL`,
    ),
    openDeals: count(
      `SELECT count(*) AS n FROM deal WHERE client_id = ? AND deleted_at IS NULL
         AND stage IN ('qualification', 'proposal', 'negotiation')`,
    ),
    openFollowups: count(
      `SELECT count(*) AS n FROM followup WHERE client_id = ? AND deleted_at IS NULL AND status = 'open'`,
    ),
  };
}
