import iconv from 'iconv-lite';
import { open } from 'node:fs/promises';
import { detectDelimitedLayout, type DelimitedLayout } from './delimited-layout.ts';
import { detectEncoding, isKnownEncoding, type EncodingEvidence } from './encoding.ts';
import { xlsxLayout } from './read-xlsx.ts';
import { importFileError } from './source-row.ts';
import { vcardDefaultEncoding } from './vcard-text.ts';

/** The formats a file can be read as. */
export type SourceFormat = 'delimited' | 'xlsx' | 'vcard' | 'rapport-json';

/** What the caller may change after seeing what was detected; anything left out is detected again. */
export interface SourceOverrides {
  encoding?: string;
  delimiter?: string;
  headerRow?: number;
  /** An xlsx sheet by name; the first sheet when left out. */
  sheet?: string;
}

/** What detectSource found, for the UI to show and for readSource to read with. */
export type DetectedSource =
  | ({
      format: 'delimited';
      encoding: string;
      encodingEvidence: EncodingEvidence | 'given';
    } & DelimitedLayout)
  | {
      format: 'xlsx';
      sheets: string[];
      sheet: string;
      headerRow: number;
      header: string[];
      preview: string[][];
    }
  | { format: 'vcard'; encoding: string; encodingEvidence: EncodingEvidence | 'given' }
  | { format: 'rapport-json'; encoding: string };

/** How much of the start of a file is looked at. */
export const sampleBytes = 64 * 1024;

/**
 * Looks at the start of a file and says how to read it: the format (by content, never by the file's name),
 * the encoding, and for delimited text the delimiter and header row; `overrides` replace what the user
 * changed. Refuses an empty file and anything that is not text, xlsx or vCard with a clear code.
 */
export async function detectSource(path: string, overrides: SourceOverrides = {}): Promise<DetectedSource> {
  const { sample, truncated } = await readSample(path);
  if (sample.length === 0) throw importFileError('empty_file', 'The file is empty.');
  if (isZip(sample)) {
    const layout = await xlsxLayout(path, overrides.sheet, overrides.headerRow);
    return { format: 'xlsx', ...layout };
  }
  refuseKnownBinaries(sample);
  const guess = detectEncoding(sample);
  const encoding = overrides.encoding ?? guess.encoding;
  const evidence = overrides.encoding === undefined ? guess.evidence : 'given';
  if (!isKnownEncoding(encoding)) {
    throw importFileError('unknown_encoding', `Rapport does not know the encoding "${encoding}".`);
  }
  const text = iconv.decode(sample, encoding);
  if (text.trim() === '') throw importFileError('empty_file', 'The file holds only blank space.');
  if (looksBinary(text)) {
    throw importFileError(
      'unsupported_format',
      'This is not a text file: Rapport imports CSV or other delimited text, Excel .xlsx and vCard (.vcf).',
    );
  }
  const start = text.trimStart();
  if (/^BEGIN:VCARD/i.test(start)) {
    const vcardEncoding = overrides.encoding ?? vcardDefaultEncoding(sample, guess.encoding);
    return { format: 'vcard', encoding: vcardEncoding, encodingEvidence: evidence };
  }
  if (/^[[{]/.test(start) && /"rapport"/i.test(start.slice(0, 4096)))
    return { format: 'rapport-json', encoding };
  const layout = detectDelimitedLayout(text, truncated, overrides.delimiter, overrides.headerRow);
  return { format: 'delimited', encoding, encodingEvidence: evidence, ...layout };
}

async function readSample(path: string): Promise<{ sample: Buffer; truncated: boolean }> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await file.read(buffer, 0, sampleBytes, 0);
    const { size } = await file.stat();
    return { sample: buffer.subarray(0, bytesRead), truncated: size > bytesRead };
  } finally {
    await file.close();
  }
}

function isZip(sample: Uint8Array): boolean {
  return sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04;
}

/** Formats people often mistake for importable ones get a message that says what to do instead. */
function refuseKnownBinaries(sample: Uint8Array): void {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (ole.every((byte, index) => sample[index] === byte)) {
    throw importFileError(
      'unsupported_format',
      'This is an old Excel (.xls) file: open it in Excel or LibreOffice and save it as .xlsx or CSV.',
    );
  }
}

/** Text has no NUL and almost no other control characters; a binary file renamed .csv has many. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    // U+FFFD is not counted: text read in the wrong encoding is still text, and the user can change it.
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) control++;
  }
  return control > sample.length * 0.05;
}
