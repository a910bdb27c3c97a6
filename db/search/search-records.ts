import type { SearchItem, SearchKind as SearchKindName, SearchResult } from '../../shared/domain/search.ts';
import type { Db } from '../sql.ts';
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
 * Finds records matching every word of `text`, grouped by kind in a fixed order, best first in each
 * group. Each group is one FTS5 query ranked by bm25 with the kind's column weights (a name match
 * outranks a mention in notes), joined to its records by rowid.
 */
export function searchRecords(db: Db, args: SearchArgs): SearchResult {
  const words = queryWords(args.text);
  const prefixes = words.flatMap((word) => word.tokens);
  const groups = Object.values(searchKinds)
    .filter((kind) => args.kinds.includes(kind.table))
    .flatMap((kind) => {
      const match = matchExpression(words);
      if (match === null) return [];
      const rows = db.prepare(hitsSql(kind)).all(match, args.limitPerKind) as HitRow[];
      const items = rows.map((row): SearchItem => toItem(kind.table, row, prefixes));
      return items.length === 0 ? [] : [{ kind: kind.table, items }];
    });
  return { groups };
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

/** The ranked hits of one kind joined to their live records. SQL text of code constants only. */
function hitsSql(kind: SearchKind): string {
  const weights = kind.columns.map((column) => column.weight).join(', ');
  const hits = `SELECT rowid, bm25(${kind.fts}, ${weights}) AS score FROM ${kind.fts}
    WHERE ${kind.fts} MATCH ? ORDER BY score LIMIT ?`;
  return `SELECT ${projection[kind.table]}, h.score AS score
    FROM (${hits}) AS h JOIN ${kind.table} AS r ON r.rowid = h.rowid
    ${joins[kind.table]}
    WHERE r.deleted_at IS NULL ORDER BY h.score`;
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
