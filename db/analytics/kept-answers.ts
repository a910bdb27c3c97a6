import type { ReadDb } from '../sql.ts';
import { changedSince } from './changes-since.ts';
import { type DataStand, dataStand, mendableTo } from './data-stand.ts';
import type { Scope } from './scope.ts';

/** What a page's answer is made from, and how it is made. */
export interface KeptAnswerSpec<T> {
  /** The page (one cache each), e.g. 'lifecycle'. */
  name: string;
  /** Everything else the answer depends on: the parsed query, the resolved currency, the day… */
  key: string;
  /** The tables whose rows the answer is made of: a change anywhere else leaves it as it was. */
  tables: readonly string[];
  compute: () => T;
}

interface Entry extends DataStand {
  key: string;
  answer: unknown;
}

/** Answers remembered per page: a few filters or periods at a time. */
const KEEP = 4;
const answers = new WeakMap<ReadDb, Map<string, Entry[]>>();

/**
 * A page's answer kept in memory while nothing it is made of changed: an answer is asked again and again
 * (the page opened, a filter set back, the window refocused), and a change elsewhere (a payment for a
 * page of stage history) leaves it as it was. The change log says whether any row of `tables` changed
 * since the answer was made (one seek along its sequence); a cancelled import (its change log removed
 * with its rows) or a write by another connection makes it again. The answer is shared: never change it.
 */
export function keptAnswer<T>(db: ReadDb, spec: KeptAnswerSpec<T>): T {
  const stand = dataStand(db);
  let pages = answers.get(db);
  if (pages === undefined) answers.set(db, (pages = new Map<string, Entry[]>()));
  const kept = pages.get(spec.name) ?? [];
  const found = kept.find((entry) => entry.key === spec.key && mendableTo(entry, stand));
  if (found && (found.seq === stand.seq || !changedSince(db, found.seq, spec.tables))) {
    found.seq = stand.seq;
    return found.answer as T;
  }
  const answer = spec.compute();
  const entry: Entry = { key: spec.key, ...stand, answer };
  pages.set(spec.name, [entry, ...kept.filter((other) => other.key !== spec.key)].slice(0, KEEP));
  return answer;
}

/** What a page's answer depends on in a scope: its period, currency and clients. */
export function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.from, scope.to, scope.currency, scope.clients.sql, scope.clients.params]);
}
