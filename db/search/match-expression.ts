import { searchFold } from './search-text.ts';

/** Words after this many are ignored: a search box is not a document. */
export const MAX_QUERY_WORDS = 8;

/** A word of the user's text, as the index sees it. */
interface QueryWord {
  /** Its index tokens ("anna.petrova@mail" → anna, petrova, mail). */
  tokens: string[];
  /** Only digits and phone punctuation ("+7", "(701)", "123-45-67"): also a run of phone digits. */
  digits: string | null;
}

const PHONE_LIKE = /^[\d+()\-./]*\d[\d+()\-./]*$/u;
const NOT_TOKEN = /[^\p{L}\p{N}]+/u;

/** Splits the user's text into words of index tokens, folded as the index is; punctuation-only words vanish. */
export function queryWords(text: string): QueryWord[] {
  return searchFold(text)
    .split(/\s+/u)
    .flatMap((word) => {
      const tokens = word.split(NOT_TOKEN).filter((token) => token !== '');
      if (tokens.length === 0) return [];
      return [{ tokens, digits: PHONE_LIKE.test(word) ? tokens.join('') : null }];
    })
    .slice(0, MAX_QUERY_WORDS);
}

/**
 * The FTS5 MATCH expression for the words: every word must match (AND), each as a prefix ("ив" finds
 * "Иван"); a word of several tokens must match them in a row ("anna.pet" → the phrase `"anna pet"*`); a
 * phone-like word also matches its digits run together ("123-45-67" finds 77011234567 through the term
 * 1234567). User text reaches FTS5 only inside double-quoted strings, and the tokens never contain a
 * quote or any other character of the query syntax, so `"`, `*`, `-`, `^`, `(`, NEAR, OR, AND are
 * just text. Returns null when nothing searchable is left (blank or punctuation only).
 *
 * `minPrefixLength`: a word whose prefix (its last token) is shorter loses that token, and is left out if
 * nothing remains. A one-letter prefix makes FTS5 merge the lists of every term starting with that letter,
 * which on millions of interactions is not fast, and finds nearly everything anyway.
 */
export function matchExpression(words: readonly QueryWord[], minPrefixLength = 1): string | null {
  const terms = words.flatMap((word) => {
    const tokens = [...word.tokens];
    while (tokens.length > 0 && (tokens.at(-1) ?? '').length < minPrefixLength) tokens.pop();
    if (tokens.length === 0) return [];
    const phrase = `"${tokens.join(' ')}"*`;
    return word.digits !== null && word.tokens.length > 1 ? [`(${phrase} OR "${word.digits}"*)`] : [phrase];
  });
  return terms.length === 0 ? null : terms.join(' AND ');
}
