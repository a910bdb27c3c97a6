import type { Contact } from '../../shared/domain/contact.ts';
import {
  createRecord,
  deleteRecord,
  listPage,
  liveRecord,
  requireLive,
  restoreRecord,
  updateRecord,
} from './crud.ts';
import type { HandlerContext, Handlers } from './context.ts';
import { contactDef } from './entities.ts';

/** Contacts: the people at a client (contacts.*). */
export const contactHandlers = {
  'contacts.create': (input, ctx) => {
    requireLive(ctx, 'client', input.clientId, 'clientId', 'client');
    // The first contact of a client is its primary one, unless told otherwise.
    const isPrimary = input.isPrimary ?? liveContactIds(ctx, input.clientId).length === 0;
    if (isPrimary) clearPrimary(ctx, input.clientId, null);
    return createRecord(ctx, contactDef, { ...input, isPrimary });
  },
  'contacts.get': ({ id }, ctx) => liveRecord(ctx, contactDef, id),
  'contacts.list': ({ clientId, after, limit }, ctx) =>
    clientId === undefined
      ? listPage(ctx, contactDef, { where: [], order: byName, after, limit })
      : listPage(ctx, contactDef, {
          where: [['client_id', '=', clientId]],
          // Primary first; a client's handful of contacts sorts in memory after the index seek.
          order: [['is_primary', 'desc'], ...byName],
          after,
          limit,
        }),
  'contacts.update': ({ id, ...fields }, ctx) => {
    const current = liveRecord(ctx, contactDef, id);
    const clientId = fields.clientId ?? current.clientId;
    if (fields.clientId !== undefined) requireLive(ctx, 'client', clientId, 'clientId', 'client');
    const primary =
      fields.isPrimary ??
      (fields.clientId !== undefined && clientId !== current.clientId ? false : undefined);
    if (primary === true) clearPrimary(ctx, clientId, id);
    return updateRecord(ctx, contactDef, id, { ...fields, isPrimary: primary });
  },
  'contacts.delete': ({ id }, ctx) => deleteRecord(ctx, contactDef, id),
  'contacts.restore': ({ id }, ctx) => restoreRecord(ctx, contactDef, id),
} satisfies Partial<Handlers>;

const byName = [
  ['sort_name', 'asc'],
  ['id', 'asc'],
] as const;

function liveContactIds(ctx: HandlerContext, clientId: string): string[] {
  const { q } = ctx.db;
  const rows = ctx.db.all(
    q.selectFrom('contact').select('id').where('client_id', '=', clientId).where('deleted_at', 'is', null),
  );
  return rows.map((row) => row.id);
}

/** At most one primary contact per client: takes the flag from the others, each a logged change. */
function clearPrimary(ctx: HandlerContext, clientId: string, keep: string | null): void {
  const { q } = ctx.db;
  const rows = ctx.db.all(
    q
      .selectFrom('contact')
      .select('id')
      .where('client_id', '=', clientId)
      .where('deleted_at', 'is', null)
      .where('is_primary', '=', 1),
  );
  for (const { id } of rows) {
    if (id === keep) continue;
    ctx.writer.update('contact', id, { is_primary: 0 });
    ctx.emit('data.changed', { entity: 'contact', ids: [id] });
  }
}

export type { Contact };
