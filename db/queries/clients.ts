import type { Address, Client } from '../../shared/domain/client.ts';
import type { RowPatch } from '../records/synced-tables.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ClientRow } from '../schema.ts';
import type { Db } from '../sql.ts';

/** Maps a row to the domain shape the API returns. */
export function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    industry: row.industry,
    segment: row.segment,
    stage: row.stage,
    vip: row.vip === 1,
    ownerId: row.owner_id,
    source: row.source,
    region: row.region,
    address: row.address === null ? null : (JSON.parse(row.address) as Address),
    website: row.website,
    preferences: row.preferences,
    paymentTerms: row.payment_terms,
    solvencyNotes: row.solvency_notes,
    notes: row.notes,
    lastContactAt: row.last_contact_at,
    nextFollowupAt: row.next_followup_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The fields of a client a user may set, as the API passes them. */
export type ClientFieldValues = Partial<
  Omit<Client, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'lastContactAt' | 'nextFollowupAt'>
>;

const columnOf = {
  name: 'name',
  kind: 'kind',
  industry: 'industry',
  segment: 'segment',
  stage: 'stage',
  vip: 'vip',
  ownerId: 'owner_id',
  source: 'source',
  region: 'region',
  address: 'address',
  website: 'website',
  preferences: 'preferences',
  paymentTerms: 'payment_terms',
  solvencyNotes: 'solvency_notes',
  notes: 'notes',
} as const satisfies Record<keyof ClientFieldValues, keyof ClientRow>;

/** Turns API field values into stored column values; fields left out stay out. */
export function clientPatch(fields: ClientFieldValues): RowPatch {
  const patch: RowPatch = {};
  for (const key of Object.keys(columnOf) as (keyof ClientFieldValues)[]) {
    const value = fields[key];
    if (value === undefined) continue;
    if (key === 'vip') patch[columnOf[key]] = value ? 1 : 0;
    else if (key === 'address') patch[columnOf[key]] = storedAddress(fields.address ?? null);
    else patch[columnOf[key]] = value as string | null;
  }
  return patch;
}

const addressParts = ['street', 'city', 'region', 'postalCode', 'country'] as const;

/** The address as JSON with its parts in a fixed order (so equal addresses compare equal); blank → null. */
function storedAddress(address: Address | null): string | null {
  if (address === null) return null;
  const parts = addressParts.flatMap((part) => (address[part] ? [[part, address[part]] as const] : []));
  return parts.length === 0 ? null : JSON.stringify(Object.fromEntries(parts));
}

/** The client with this id, deleted or not. */
export function findClient(db: Db, id: string): Client | undefined {
  const row = db.first(db.q.selectFrom('client').selectAll().where('id', '=', id));
  return row && toClient(row);
}

/** One page of live clients ordered by folded name, then id (index `client_live_by_name`). */
export function listClientsByName(
  db: Db,
  args: { after?: string | null | undefined; limit: number },
): { items: Client[]; nextCursor: string | null } {
  let query = db.q.selectFrom('client').selectAll().where('deleted_at', 'is', null);
  if (args.after) {
    const [sortName, id] = decodeCursor(args.after, 2);
    query = query.where((eb) =>
      eb.or([
        eb('sort_name', '>', String(sortName)),
        eb.and([eb('sort_name', '=', String(sortName)), eb('id', '>', String(id))]),
      ]),
    );
  }
  const rows = db.all(
    query
      .orderBy('sort_name')
      .orderBy('id')
      .limit(args.limit + 1),
  );
  const items = rows.slice(0, args.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > args.limit && last ? encodeCursor([last.sort_name, last.id]) : null;
  return { items: items.map(toClient), nextCursor };
}
