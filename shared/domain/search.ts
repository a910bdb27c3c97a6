import { z } from 'zod';
import { Id } from './common.ts';

/** The kinds of record search finds, in the order their groups are shown. */
export const searchKinds = ['client', 'contact', 'interaction'] as const;
export const SearchKind = z.enum(searchKinds);
export type SearchKind = z.infer<typeof SearchKind>;

/** Longest search text accepted, in characters. */
export const SEARCH_TEXT_MAX = 200;

export const SearchQueryInput = z.strictObject({
  /** What the user typed; every word must match, each as the start of a word. Blank finds nothing. */
  text: z.string().max(SEARCH_TEXT_MAX, { message: `At most ${SEARCH_TEXT_MAX} characters.` }),
  /** Only these kinds; all of them when left out. */
  kinds: z.array(SearchKind).min(1, { message: 'Choose at least one kind of record.' }).optional(),
  /** Most results in each group. */
  limitPerKind: z.number().int().min(1).max(50).default(10),
});

/** One record found: enough to show it in a list and open it. */
export const SearchItem = z.object({
  entity: SearchKind,
  id: Id,
  /** The client the record belongs to (the client itself for a client). */
  clientId: Id,
  title: z.string(),
  /** A second line: a client's industry and region, a contact's role and client, an interaction's client. */
  subtitle: z.string().nullable(),
  /** The words around the first match in longer text (a call's body, notes), when the title has none. */
  snippet: z.string().nullable(),
  /** Higher is better; comparable within a group only. */
  score: z.number(),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchGroup = z.object({ kind: SearchKind, items: z.array(SearchItem) });

/** Groups in the order of `searchKinds`, best match first within each; kinds with no match are left out. */
export const SearchResult = z.object({ groups: z.array(SearchGroup) });
export type SearchResult = z.infer<typeof SearchResult>;
