import type { DetectedSource } from './detect.ts';
import { readDelimited } from './read-delimited.ts';
import { readVCard } from './read-vcard.ts';
import { readXlsx } from './read-xlsx.ts';
import { importFileError, type SourceRow } from './source-row.ts';

/**
 * Reads any importable file as one stream of rows, whatever its format, with the settings detectSource
 * found (or the user changed): `for await (const row of readSource(path, detected))`. Rows come one at
 * a time, so a million-row file is read in bounded memory; stopping the loop early closes the file.
 */
export function readSource(path: string, source: DetectedSource): AsyncGenerator<SourceRow> {
  switch (source.format) {
    case 'delimited':
      return readDelimited(path, source);
    case 'xlsx':
      return readXlsx(path, { sheet: source.sheet, headerRow: source.headerRow });
    case 'vcard':
      return readVCard(path, { encoding: source.encoding });
    case 'rapport-json':
      throw importFileError(
        'not_implemented_format',
        'This is a Rapport JSON export; importing it is not available yet. Import a CSV, .xlsx or vCard file.',
      );
  }
}
