/** Full-text search over clients, contacts and interactions (FTS5); see search-tables.ts for the design. */
export { indexRecord } from './index-record.ts';
export { rebuildSearchIndex } from './rebuild-search-index.ts';
export { searchRecords } from './search-records.ts';
