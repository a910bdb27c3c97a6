import { drillClientIds } from '../analytics/drill.ts';
import { AppError } from '../../shared/api/errors.ts';
import type { Client } from '../../shared/domain/client.ts';
import { uuidv7 } from '../../shared/ids.ts';
import {
  clientPatch,
  clientSummary,
  findClient,
  listClients,
  revenueCurrencies,
} from '../queries/clients.ts';
import { entityOfSyncedTable } from '../records/entities.ts';
import { dismissDuplicate, possibleDuplicates } from '../queries/duplicates.ts';
import { mergeClients } from '../records/merge-clients.ts';
import type { SyncedTable } from '../records/synced-tables.ts';
import type { HandlerContext, Handlers, ReadContext } from './context.ts';
import { requireLive } from './crud.ts';

export const clientHandlers = {
  'clients.create': (input, ctx) => {
    if (input.ownerId) requireLive(ctx, 'team_member', input.ownerId, 'ownerId', 'team member');
    const id = uuidv7(ctx.now().getTime());
    ctx.writer.insert('client', id, clientPatch(input));
    return changed(ctx, id);
  },

  'clients.get': (input, ctx) => liveClient(ctx, input.id),

  'clients.revenueCurrencies': (_input, ctx) => ({ currencies: revenueCurrencies(ctx.db) }),

  'clients.summary': ({ id }, ctx) => {
    liveClient(ctx, id);
    return clientSummary(ctx.db, id);
  },

  'clients.list': (input, ctx) =>
    listClients(
      ctx.db,
      input.drill ? { ...input, ids: drillClientIds(ctx.db, input.drill, ctx.now()) } : input,
      ctx.now(),
    ),

  'clients.update': ({ id, ...fields }, ctx) => {
    liveClient(ctx, id);
    if (fields.ownerId) requireLive(ctx, 'team_member', fields.ownerId, 'ownerId', 'team member');
    return ctx.writer.update('client', id, clientPatch(fields)).length > 0
      ? changed(ctx, id)
      : liveClient(ctx, id);
  },

  'clients.delete': (input, ctx) => {
    liveClient(ctx, input.id);
    ctx.writer.update('client', input.id, { deleted_at: ctx.now().toISOString() });
    return changed(ctx, input.id);
  },

  'clients.restore': (input, ctx) => {
    const client = findClient(ctx.db, input.id);
    if (!client) throw missing(input.id);
    if (client.deletedAt === null) return client;
    // A merged duplicate brought back is a client of its own again; what moved stays where it went.
    ctx.writer.update('client', input.id, { deleted_at: null, merged_into: null });
    return changed(ctx, input.id);
  },

  'clients.possibleDuplicates': ({ id }, ctx) => {
    liveClient(ctx, id);
    return possibleDuplicates(ctx.db, id);
  },

  'clients.dismissDuplicate': ({ id, otherId }, ctx) => {
    liveClient(ctx, id);
    // Only a pair of two live clients is remembered: anything else would grow the stored list forever.
    if (otherId === id) throw sameClient();
    requireLive(ctx, 'client', otherId, 'otherId', 'client');
    dismissDuplicate(ctx.db, id, otherId);
    return possibleDuplicates(ctx.db, id);
  },

  'clients.merge': ({ id, intoId }, ctx) => {
    const { moved } = mergeClients(ctx.db, ctx.writer, id, intoId, ctx.now());
    for (const table of Object.keys(moved) as SyncedTable[])
      ctx.emit('data.changed', { entity: entityOfSyncedTable(table), ids: [] });
    ctx.emit('data.changed', { entity: 'client', ids: [id] });
    return changed(ctx, intoId);
  },
} satisfies Pick<
  Handlers,
  | 'clients.create'
  | 'clients.get'
  | 'clients.summary'
  | 'clients.revenueCurrencies'
  | 'clients.list'
  | 'clients.update'
  | 'clients.delete'
  | 'clients.restore'
  | 'clients.merge'
  | 'clients.possibleDuplicates'
  | 'clients.dismissDuplicate'
>;

function liveClient(ctx: ReadContext, id: string): Client {
  const client = findClient(ctx.db, id);
  if (client?.mergedInto && client.deletedAt !== null)
    throw new AppError('not_found', 'This client was merged into another one.', {
      id,
      mergedInto: client.mergedInto,
    });
  if (!client || client.deletedAt !== null) throw missing(id);
  return client;
}

function sameClient(): AppError {
  const message = 'Choose another client: a client is not a duplicate of itself.';
  return new AppError('validation', `Check the input — otherId: ${message}`, {
    issues: [{ path: 'otherId', rule: 'same_client', message }],
  });
}

/** Announces the change and returns the client as stored now. */
function changed(ctx: HandlerContext, id: string): Client {
  ctx.emit('data.changed', { entity: 'client', ids: [id] });
  const client = findClient(ctx.db, id);
  if (!client) throw missing(id);
  return client;
}

function missing(id: string): AppError {
  return new AppError('not_found', 'This client does not exist or was deleted.', { id });
}
