import { AppError } from '../../shared/api/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { foldText } from '../../shared/text.ts';
import { findLiveClient, insertClient, listClientsByName, toClient } from '../queries/clients.ts';
import type { Handlers } from './context.ts';

export const clientHandlers = {
  'clients.create': (input, ctx) => {
    const now = ctx.now();
    const hlc = ctx.clock.tick();
    const row = {
      id: uuidv7(now.getTime()),
      name: input.name,
      sort_name: foldText(input.name),
      kind: input.kind,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      deleted_at: null,
      merged_into: null,
      hlc,
      field_clocks: JSON.stringify({ name: hlc, kind: hlc }),
    };
    insertClient(ctx.db, row);
    ctx.emit('data.changed', { entity: 'client', ids: [row.id] });
    return toClient(row);
  },

  'clients.get': (input, ctx) => {
    const client = findLiveClient(ctx.db, input.id);
    if (!client)
      throw new AppError('not_found', 'This client does not exist or was deleted.', { id: input.id });
    return client;
  },

  'clients.list': (input, ctx) => listClientsByName(ctx.db, input),
} satisfies Pick<Handlers, 'clients.create' | 'clients.get' | 'clients.list'>;
