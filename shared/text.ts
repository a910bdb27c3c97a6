/** Anything but printable ASCII (space to tilde). */
const NOT_PRINTABLE_ASCII = /[^ -~]/;

/**
 * Folds text for sorting and matching: Unicode-normalized, diacritics removed, lowercased. The same key
 * serves Latin, Russian and Kazakh, so "Émile" sorts with "emile" and "Ёлка" with "елка".
 */
export function foldText(text: string): string {
  // Printable ASCII is its own decomposition and has no marks: lowercasing is all (most emails and names).
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .normalize('NFC');
}
