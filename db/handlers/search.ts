import { searchKinds } from '../../shared/domain/search.ts';
import { searchRecords } from '../search/index.ts';
import type { Handlers } from './context.ts';

/** Full-text search over clients, contacts, interactions and notes (search.*). */
export const searchHandlers = {
  'search.query': (input, ctx) =>
    searchRecords(ctx.db, {
      text: input.text,
      kinds: input.kinds ?? searchKinds,
      limitPerKind: input.limitPerKind,
    }),
} satisfies Pick<Handlers, 'search.query'>;
