import type { SearchItem, SearchKind as SearchKindName, SearchResult } from '../../shared/domain/search.ts';
import type { ReadDb } from '../sql.ts';
import { matchExpression, queryWords } from './match-expression.ts';
import { type SearchKind, searchKinds } from './search-kinds.ts';
import { snippetOf } from './search-snippet.ts';

export interface SearchArgs {
  text: string;
  kinds: readonly SearchKindName[];
  limitPerKind: number;
}

/** A hit joined to its record: what every kind's statement returns. */
interface HitRow {
  id: string;
  client_id: string;
  title: string | null;
  subtitle: string | null;
  /** Long text a snippet may be cut from. */
  text: string | null;
  score: number;
}

/**
 * How many of the newest matches of one query are ranked. bm25 costs a little per match, and a short
 * prefix such as "ma" or "mail" can match every contact of a 100k-client database; ranking only the
 * newest matches keeps every keystroke within the search budget (ARCHITECTURE.md) at any size.
 */
export const RANK_WINDOW = 500;

/** Typed prefixes shorter than this do not search interactions: one letter matches nearly every call. */
const INTERACTION_MIN_PREFIX = 2;

/** Scores of name matches are lifted above every other match of their kind. */
const NAME_MATCH_BONUS = 1_000_000;

/**
 * Finds records matching every word of `text`, grouped by kind in a fixed order. Clients and contacts:
 * those whose name matches come first, each set ranked by bm25 with the kind's column weights (a name
 * match outranks a mention in notes); interactions: newest first, as a timeline reads. Each step is an
 * FTS5 query walking the index from its newest document, joined to its live records by rowid.
 */
export function searchRecords(db: ReadDb, args: SearchArgs): SearchResult {
  const words = queryWords(args.text);
  const prefixes = words.flatMap((word) => word.tokens);
  const groups = Object.values(searchKinds)
    .filter((kind) => args.kinds.includes(kind.table))
    .flatMap((kind) => {
      const rows =
        kind.table === 'interaction'
          ? newest(db, kind, words, args.limitPerKind)
          : ranked(db, kind, words, args.limitPerKind);
      const items = rows.map((row): SearchItem => toItem(kind.table, row, prefixes));
      return items.length === 0 ? [] : [{ kind: kind.table, items }];
    });
  return { groups };
}

type Words = ReturnType<typeof queryWords>;

/** Name matches first, then matches anywhere else; each ranked by bm25 among the newest matches. */
function ranked(db: ReadDb, kind: SearchKind, words: Words, limit: number): HitRow[] {
  const match = matchExpression(words);
  if (match === null) return [];
  const statement = db.prepare(rankedSql(kind));
  const byName = (statement.all(`name : (${match})`, limit) as HitRow[]).map((row) => ({
    ...row,
    score: row.score - NAME_MATCH_BONUS,
  }));
  if (byName.length >= limit) return byName;
  const seen = new Set(byName.map((row) => row.id));
  const elsewhere = (statement.all(match, limit + byName.length) as HitRow[]).filter(
    (row) => !seen.has(row.id),
  );
  return [...byName, ...elsewhere].slice(0, limit);
}

/** The newest matching interactions. */
function newest(db: ReadDb, kind: SearchKind, words: Words, limit: number): HitRow[] {
  const match = matchExpression(words, INTERACTION_MIN_PREFIX);
  if (match === null) return [];
  return db.prepare(newestSql(kind)).all(match, limit) as HitRow[];
}

function toItem(entity: SearchKindName, row: HitRow, prefixes: readonly string[]): SearchItem {
  const title = row.title ?? '';
  return {
    entity,
    id: row.id,
    clientId: row.client_id,
    title,
    subtitle: row.subtitle,
    snippet: snippetOf(title, prefixes) === null ? snippetOf(row.text, prefixes) : null,
    score: -row.score,
  };
}

/** bm25 over the newest {@link RANK_WINDOW} matches, best first. SQL text of code constants only. */
export function rankedSql(kind: SearchKind): string {
  const weights = kind.columns.map((column) => column.weight).join(', ');
  const hits = `SELECT rowid, bm25(${kind.fts}, ${weights}) AS score FROM ${kind.fts}
    WHERE ${kind.fts} MATCH ? ORDER BY rowid DESC LIMIT ${String(RANK_WINDOW)}`;
  return `SELECT ${projection[kind.table]}, h.score AS score
    FROM (${hits}) AS h JOIN ${kind.table} AS r ON r.rowid = h.rowid
    ${joins[kind.table]}
    WHERE r.deleted_at IS NULL ORDER BY h.score, h.rowid DESC LIMIT ?`;
}

/** The newest matches; the score is the document's rowid, so newer is higher. */
export function newestSql(kind: SearchKind): string {
  const hits = `SELECT rowid FROM ${kind.fts} WHERE ${kind.fts} MATCH ? ORDER BY rowid DESC LIMIT ?`;
  return `SELECT ${projection[kind.table]}, -h.rowid AS score
    FROM (${hits}) AS h JOIN ${kind.table} AS r ON r.rowid = h.rowid
    ${joins[kind.table]}
    WHERE r.deleted_at IS NULL ORDER BY h.rowid DESC`;
}

const projection: Record<SearchKindName, string> = {
  client: `r.id, r.id AS client_id, r.name AS title,
    nullif(concat_ws(' · ', r.industry, r.region), '') AS subtitle, r.notes AS text`,
  contact: `r.id, r.client_id, r.name AS title,
    nullif(concat_ws(' · ', r.role, c.name), '') AS subtitle, r.notes AS text`,
  interaction: `r.id, r.client_id, coalesce(r.summary, substr(r.body, 1, 80), '') AS title,
    c.name AS subtitle, r.body AS text`,
};

const joins: Record<SearchKindName, string> = {
  client: '',
  contact: 'LEFT JOIN client AS c ON c.id = r.client_id',
  interaction: 'LEFT JOIN client AS c ON c.id = r.client_id',
};
