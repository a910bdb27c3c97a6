import { phoneDigits } from '../../shared/domain/fields.ts';

/**
 * Kazakh letters that Unicode keeps apart from their Russian look-alikes (no decomposition, so `foldText`
 * leaves them), and the Latin dotless ı of the Kazakh Latin alphabet. People often type Kazakh names on a
 * Russian keyboard ("Нурлан" for "Нұрлан", "Казакстан" for "Қазақстан"), so for search they fold like
 * diacritics: both the index and the query go through this, and "Қ" still finds "қ".
 */
const SEARCH_LETTERS: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  ı: 'i',
};
const SEARCH_LETTER = /[әғқңөұүһіı]/gu;

const MARKS = /\p{M}+/gu;
/** Anything but printable ASCII (space to tilde); text without it needs only lowercasing. */
const NOT_PRINTABLE_ASCII = /[^ -~]/;

/**
 * The search key of a text: what `foldText` (shared/text.ts) does — compatibility decomposition, marks
 * removed (é→e, ё→е, й→и), lowercased — plus the Kazakh letters above. Written out rather than calling
 * `foldText` because it runs over every call body when the index is rebuilt: the root-locale lowercase
 * is `toLowerCase`, and no NFC pass is needed once every mark is gone, which makes it 3× faster. The FTS5
 * tokenizer sees only folded text, from the index and from the query alike, so it never has to know any
 * of this.
 */
export function searchFold(text: string): string {
  // Printable ASCII decomposes to itself and has no marks: lowercasing is all there is to do (emails, most names).
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  if (text.length > MEMO_MAX_LENGTH) return fold(text);
  let folded = memo.get(text);
  if (folded === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    folded = fold(text);
    memo.set(text, folded);
  }
  return folded;
}

/**
 * Short texts (names, summaries, query words) repeat a lot, above all when the whole index is rebuilt, so
 * their folds are remembered; the memo is emptied when it fills up, which bounds its memory.
 */
const memo = new Map<string, string>();
const MEMO_SIZE = 50_000;
const MEMO_MAX_LENGTH = 256;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(SEARCH_LETTER, (letter) => SEARCH_LETTERS[letter] ?? letter);
}

/** The shortest run of digits that finds a phone number. */
export const PHONE_RUN_MIN = 3;

/**
 * Index terms that make a phone number findable by any run of its digits, however it was written:
 * every suffix of its digits (at least {@link PHONE_RUN_MIN} long) is a term, so a typed run of digits,
 * searched as a prefix, is the start of one of them. "+7 (701) 123-45-67" → 77011234567, 7011234567, …, 567.
 */
export function phoneTerms(phone: string): string[] {
  const digits = phoneDigits(phone);
  const terms: string[] = [];
  for (let start = 0; start <= digits.length - PHONE_RUN_MIN; start += 1) terms.push(digits.slice(start));
  return terms;
}

/** The `value`s of a stored JSON list of `{value, label}` (emails, phones); labels are not searched. */
export function listedValues(json: unknown): string[] {
  if (typeof json !== 'string') return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && 'value' in item && typeof item.value === 'string'
      ? [item.value]
      : [],
  );
}

/** The string parts of a stored JSON object (an address). */
export function objectValues(json: unknown): string[] {
  if (typeof json !== 'string') return [];
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null) return [];
  return Object.values(parsed).filter((value): value is string => typeof value === 'string');
}

/** Folds the present texts into one column value. */
export function searchColumn(...texts: unknown[]): string {
  return texts
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .map(searchFold)
    .join('\n');
}
