/**
 * How headers and choice values are compared: case, spaces, punctuation, ё/е and the forms of a letter
 * (NFKC) do not count, so "E-mail Address", "e-mail address" and "EmailAddress" are one key.
 *
 * A spaced dash (" - ") is kept as `|`, because Google Contacts' "E-mail 2 - Type" (a label) and
 * Outlook's "E-mail 2 Type" (SMTP or EX, not a label) differ only by it; `#` stays, as synonyms use it
 * for "any number".
 */
export function textKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+[-–—]\s+/g, '|')
    .replace(/[^\p{L}\p{N}#|]+/gu, '');
}

/** The key without its `|` marks: what a header is when its spaced dashes do not matter. */
export function looseKey(key: string): string {
  return key.replace(/\|/g, '');
}
