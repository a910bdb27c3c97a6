/**
 * A person's full name split into its parts, and parts joined into a name.
 *
 * The rule, in order:
 * 1. Titles before the name (Dr., Mr., г-н) and after it (Jr., PhD, III) are set apart, not lost.
 * 2. "Last, First Middle" (a comma, as Outlook's "File As" writes it) puts the last name first.
 * 3. A patronymic (Russian -ович/-евна/-ич…, Kazakh -ұлы/-қызы, and their Latin spellings) says the
 *    order: second of three, "Иван Иванович Петров" is First Middle Last; third, "Петров Иван Иванович"
 *    is Last First Middle; second of two, "Иван Иванович" is First Middle.
 * 4. Two Cyrillic words without one: the word with a surname's ending (-ов, -ева, -ский, -енко, -дзе,
 *    -ян; more weakly -ин, -ина, -ук) is the last name, "Петрова Ирина" as much as "Ирина Петрова"; when
 *    both or neither have one, and for every other script, First Last.
 * 5. More words: first, the middle ones, last ("Max Middle Name Mustermann").
 * Names written surname first without these signs (Chinese, Hungarian, Korean) are split wrongly:
 * the user keeps them whole.
 */
export interface NameParts {
  prefix?: string;
  first?: string;
  middle?: string;
  last?: string;
  suffix?: string;
}

const prefixes = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'г-н',
  'г-жа',
  'господин',
  'госпожа',
  'д-р',
  'проф',
]);
const suffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'мл', 'ст']);
const PATRONYMIC =
  /(ович|евич|ёвич|ич|овна|евна|ёвна|ична|инична|ұлы|улы|қызы|кызы|ovich|evich|ovna|evna|uly|kyzy|qyzy)$/i;
const STRONG_SURNAME = /(ов|ова|ев|ева|ёв|ёва|ский|ская|цкий|цкая|ской|енко|швили|дзе|ян|янц)$/i;
const WEAK_SURNAME = /(ин|ина|ын|ына|ук|юк|ых|их)$/i;
const CYRILLIC = /^[\p{Script=Cyrillic}-]+$/u;

const bare = (word: string) => word.toLowerCase().replace(/\.$/, '');

/** The parts of a full name by the rule above; an empty name has none. */
export function splitPersonName(full: string): NameParts {
  const words = full
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const parts: NameParts = {};
  while (words.length > 1 && prefixes.has(bare(words[0] ?? '')))
    parts.prefix = join(parts.prefix, words.shift());
  const tail: string[] = [];
  while (words.length > 1 && suffixes.has(bare((words.at(-1) ?? '').replace(/,$/, ''))))
    tail.unshift(words.pop() ?? '');
  if (tail.length > 0) parts.suffix = tail.join(' ');
  const text = words.join(' ').replace(/,$/, '');
  const comma = text.indexOf(',');
  if (comma > 0) {
    const [first, ...middle] = text
      .slice(comma + 1)
      .trim()
      .split(/\s+/);
    return clean({ ...parts, last: text.slice(0, comma).trim(), first, middle: middle.join(' ') });
  }
  return clean({ ...parts, ...orderOf(text.split(' ')) });
}

function orderOf(words: readonly string[]): NameParts {
  const [a = '', b = '', c = ''] = words;
  if (words.length === 1) return { first: a };
  if (words.length === 2) {
    if (CYRILLIC.test(b) && PATRONYMIC.test(b)) return { first: a, middle: b };
    return surnameFirst(a, b) ? { first: b, last: a } : { first: a, last: b };
  }
  if (words.length === 3 && PATRONYMIC.test(b)) return { first: a, middle: b, last: c };
  if (words.length === 3 && PATRONYMIC.test(c)) return { first: b, middle: c, last: a };
  return { first: a, middle: words.slice(1, -1).join(' '), last: words.at(-1) ?? '' };
}

function surnameFirst(a: string, b: string): boolean {
  if (!CYRILLIC.test(a) || !CYRILLIC.test(b)) return false;
  const strong = [STRONG_SURNAME.test(a), STRONG_SURNAME.test(b)];
  if (strong[0] !== strong[1]) return strong[0] === true;
  if (strong[0] === true) return false;
  return WEAK_SURNAME.test(a) && !WEAK_SURNAME.test(b);
}

function join(a: string | undefined, b: string | undefined): string {
  return [a, b].filter((part) => part !== undefined && part !== '').join(' ');
}

function clean(parts: NameParts): NameParts {
  return Object.fromEntries(
    Object.entries(parts).filter(([, value]) => typeof value === 'string' && value !== ''),
  );
}

/** A name from its parts as people read it: prefix, first, middle, last, suffix. */
export function joinName(parts: NameParts): string {
  return [parts.prefix, parts.first, parts.middle, parts.last, parts.suffix]
    .filter((part) => part !== undefined && part.trim() !== '')
    .map((part) => part?.trim())
    .join(' ');
}
