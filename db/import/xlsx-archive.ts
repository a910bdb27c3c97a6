import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { importFileError } from './source-row.ts';

/**
 * The limits that keep an .xlsx from exhausting memory or disk before a row is read. A zip bomb declares
 * (or hides) sizes far beyond its bytes: every entry's declared size and ratio is checked before anything
 * is inflated, and yauzl checks while inflating that no entry yields more than it declared.
 */
export interface ArchiveLimits {
  /** The most one part of the workbook (a sheet's XML) may inflate to. */
  maxEntryBytes: number;
  /** The most all parts together may inflate to. */
  maxTotalBytes: number;
  /** The highest inflated/compressed ratio of an entry over 1 MiB (real sheets stay well under 100). */
  maxRatio: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
};

/** An opened .xlsx: its parts by name, read whole (small XML) or streamed (sheets). */
export interface XlsxArchive {
  has(name: string): boolean;
  readText(name: string): Promise<string>;
  stream(name: string): Promise<Readable>;
  close(): void;
}

/** Opens the zip of an .xlsx and checks it against the limits; refuses what is not a workbook. */
export async function openXlsxArchive(
  path: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): Promise<XlsxArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw importFileError('invalid_xlsx', `This is not a readable .xlsx file (${messageOf(error)}).`);
  }
  try {
    const entries = await listEntries(zip);
    checkLimits(entries, limits);
    if (!entries.has('xl/workbook.xml')) {
      throw importFileError('unsupported_format', 'This zip file is not an Excel workbook (.xlsx).');
    }
    return archiveOf(zip, entries);
  } catch (error) {
    zip.close();
    throw error;
  }
}

function archiveOf(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): XlsxArchive {
  const stream = async (name: string) => {
    const entry = entries.get(name);
    if (entry === undefined) throw importFileError('invalid_xlsx', `The workbook has no part "${name}".`);
    return zip.openReadStreamPromise(entry);
  };
  return {
    has: (name) => entries.has(name),
    stream,
    readText: async (name) => {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of await stream(name)) chunks.push(chunk as Buffer);
      } catch (error) {
        throw importFileError(
          'archive_too_large',
          `The workbook part "${name}" is damaged or larger than it says (${messageOf(error)}).`,
        );
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zip.close(),
  };
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: unknown) =>
      reject(importFileError('invalid_xlsx', `This .xlsx file is damaged (${messageOf(error)}).`)),
    );
    zip.readEntry();
  });
}

function checkLimits(entries: Map<string, yauzl.Entry>, limits: ArchiveLimits): void {
  let total = 0;
  for (const [name, entry] of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (
      entry.uncompressedSize > limits.maxEntryBytes ||
      (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)
    ) {
      throw importFileError(
        'archive_too_large',
        `The workbook part "${name}" would unpack to ${entry.uncompressedSize} bytes from ${entry.compressedSize}: Rapport refuses it as a possible zip bomb. Save the sheet as CSV instead.`,
      );
    }
  }
  if (total > limits.maxTotalBytes) {
    throw importFileError(
      'archive_too_large',
      `The workbook would unpack to ${total} bytes, more than Rapport reads.`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
