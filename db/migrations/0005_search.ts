import { rebuildSearchIndex } from '../search/rebuild-search-index.ts';
import type { Migration } from './migration.ts';

/**
 * Full-text search (db/search): one contentless FTS5 index per kind of record, filled from the records
 * already there. The index is derived data, so unlike tables it is not frozen here: its layout lives in
 * db/search/search-tables.ts, and a later change to it is a migration that calls `rebuildSearchIndex`
 * again (which drops and recreates the index in its current layout).
 */
export const m0005Search: Migration = {
  version: 5,
  name: 'search',
  up(sqlite) {
    rebuildSearchIndex(sqlite);
  },
};
