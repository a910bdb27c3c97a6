import iconv from 'iconv-lite';

/** The encodings the importer detects; any other name iconv-lite knows may be given by the user. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r' | 'windows-1252';

/** How the encoding was decided, for the UI to show ("from the byte order mark", "guessed"…). */
export type EncodingEvidence = 'bom' | 'valid-utf-8' | 'ascii' | 'utf-16-pattern' | 'letter-statistics';

export interface EncodingGuess {
  encoding: DetectedEncoding;
  evidence: EncodingEvidence;
  /** Bytes of byte order mark at the start of the file (skipped when decoding). */
  bomLength: number;
}

/** Detects the encoding of the first bytes of a file: BOM, then valid UTF-8, then a legacy code page. */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', evidence: 'bom', bomLength: 3 };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf-16le', evidence: 'bom', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf-16be', evidence: 'bom', bomLength: 2 };
  const utf16 = utf16Pattern(sample);
  if (utf16 !== undefined) return { encoding: utf16, evidence: 'utf-16-pattern', bomLength: 0 };
  if (!sample.some((byte) => byte >= 0x80)) return { encoding: 'utf-8', evidence: 'ascii', bomLength: 0 };
  if (isValidUtf8(sample)) return { encoding: 'utf-8', evidence: 'valid-utf-8', bomLength: 0 };
  return { encoding: guessLegacyCodePage(sample), evidence: 'letter-statistics', bomLength: 0 };
}

/** True when the bytes are UTF-8, allowing a character cut off at the end of the sample. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Whether iconv-lite can decode `name` (the check for an encoding the user typed or a CHARSET gave). */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

/** Decodes bytes in `encoding`; undecodable bytes become U+FFFD, never an exception. */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: false,
  });
}

// Text in UTF-16 without a BOM shows as printable ASCII with a zero byte beside each character; a binary
// file with many zeros does not pass, as its other bytes are not printable.
function utf16Pattern(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 8) return undefined;
  let littleEndian = 0;
  let bigEndian = 0;
  for (let i = 0; i < length; i += 2) {
    const first = sample[i] ?? 0;
    const second = sample[i + 1] ?? 0;
    if (second === 0 && isPrintableAscii(first)) littleEndian++;
    if (first === 0 && isPrintableAscii(second)) bigEndian++;
  }
  const pairs = length / 2;
  if (littleEndian > pairs * 0.7) return 'utf-16le';
  if (bigEndian > pairs * 0.7) return 'utf-16be';
  return undefined;
}

function isPrintableAscii(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Chooses between windows-1251, KOI8-R and windows-1252 for bytes that are not UTF-8. Words made only of
 * high bytes are Cyrillic (a Latin-1 word mixes a few accented letters into ASCII ones); which Cyrillic code
 * page is then told by the letters they decode to: real text is lower case or Capitalised and its letters
 * follow Russian and Ukrainian frequencies, while the wrong page flips the case of every letter (KOI8-R has
 * lower case where windows-1251 has upper) and turns common letters into rare ones.
 */
export function guessLegacyCodePage(sample: Uint8Array): 'windows-1251' | 'koi8-r' | 'windows-1252' {
  const words = highByteWords(sample);
  let latin = 0;
  let cyrillic = 0;
  const cyrillicWords: Uint8Array[] = [];
  for (const word of words) {
    if (word.mixed) latin += 1;
    else if (word.bytes.length >= 2) {
      cyrillic += 1;
      cyrillicWords.push(word.bytes);
    }
  }
  if (cyrillic === 0 || latin > cyrillic) return 'windows-1252';
  return cyrillicScore(cyrillicWords, 'windows-1251') >= cyrillicScore(cyrillicWords, 'koi8-r')
    ? 'windows-1251'
    : 'koi8-r';
}

interface HighByteWord {
  bytes: Uint8Array;
  /** The word also holds ASCII letters. */
  mixed: boolean;
}

function highByteWords(sample: Uint8Array): HighByteWord[] {
  const words: HighByteWord[] = [];
  let start = -1;
  let high = false;
  let ascii = false;
  for (let i = 0; i <= sample.length; i++) {
    const byte = i < sample.length ? (sample[i] ?? 0) : 0;
    const isAsciiLetter = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    if (byte >= 0x80 || isAsciiLetter) {
      if (start < 0) start = i;
      if (byte >= 0x80) high = true;
      else ascii = true;
      continue;
    }
    if (start >= 0 && high) words.push({ bytes: sample.subarray(start, i), mixed: ascii });
    start = -1;
    high = false;
    ascii = false;
  }
  return words;
}

// Relative frequency (per mille) of letters in Russian and Ukrainian text; unlisted letters count 1.
const letterFrequency: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 16,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  і: 40,
  ї: 6,
  є: 4,
  ґ: 1,
  ё: 1,
  ъ: 1,
};

function cyrillicScore(words: readonly Uint8Array[], encoding: 'windows-1251' | 'koi8-r'): number {
  let score = 0;
  for (const bytes of words) {
    const word = decodeBytes(bytes, encoding);
    score += casePatternScore(word);
    for (const char of word.toLowerCase()) {
      const frequency = letterFrequency[char];
      score += frequency === undefined ? -2 : Math.log(frequency);
    }
  }
  return score;
}

/** Rewards lower case, Capitalised and ALL CAPS words; punishes a case flip inside a word. */
function casePatternScore(word: string): number {
  const rest = word.slice(1);
  if (rest === rest.toLowerCase() || word === word.toUpperCase()) return word.length;
  return -word.length;
}
