import { searchFold } from './search-text.ts';

const BEFORE = 30;
const LENGTH = 120;

/**
 * The words around the first word of `text` that starts with one of `prefixes` (folded, as in the index),
 * or null when no word does. Folding may change a text's length ("ﬁ" → "fi"), so the text is folded
 * one character at a time, remembering where each folded character came from.
 */
export function snippetOf(text: string | null, prefixes: readonly string[]): string | null {
  if (!text || prefixes.length === 0) return null;
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    const f = searchFold(char);
    folded += f;
    for (let i = 0; i < f.length; i += 1) origin.push(offset);
    offset += char.length;
  }
  const start = firstWordStart(folded, prefixes);
  if (start === null) return null;
  if (text.length <= LENGTH) return text.replace(/\s+/gu, ' ').trim();
  const at = origin[start] ?? 0;
  let from = Math.max(0, at - BEFORE);
  if (from > 0) from = text.indexOf(' ', from) + 1 || at;
  if (from > at) from = at;
  let to = Math.min(text.length, from + LENGTH);
  if (to < text.length) to = text.lastIndexOf(' ', to) > at ? text.lastIndexOf(' ', to) : to;
  const body = text.slice(from, to).replace(/\s+/gu, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

function firstWordStart(folded: string, prefixes: readonly string[]): number | null {
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (prefixes.some((prefix) => match[0].startsWith(prefix))) return match.index;
  }
  return null;
}
