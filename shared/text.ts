/**
 * Folds text for sorting and matching: Unicode-normalized, diacritics removed, lowercased. The same key
 * serves Latin, Russian and Kazakh, so "Émile" sorts with "emile" and "Ёлка" with "елка".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .normalize('NFC');
}
