import { SearchQueryInput, SearchResult } from '../../domain/search.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Full-text search over clients, contacts, interactions and notes (search.*). */
export const searchMethods = {
  /** Find clients, contacts and interactions as the user types: by name, email, phone digits or any word. */
  'search.query': { input: SearchQueryInput, output: SearchResult, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
