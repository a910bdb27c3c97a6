import type { z } from 'zod';
import type { ExportTableInput } from '../../shared/domain/transfer.ts';
import type { CellKind } from './cell-format.ts';
import { momentFormat } from './cell-format.ts';
import { type OutputSink, writeFileAtomically } from './output-file.ts';
import { progressOf } from './progress.ts';
import type { ExportColumn, SheetData } from './sheet-columns.ts';
import { writeCsv } from './write-csv.ts';
import { writeXlsx } from './write-xlsx.ts';

type TableInput = z.output<typeof ExportTableInput>;

/**
 * Saves a table as the user sees it on screen (an Insights table) through the same writers as every
 * export: CSV in UTF-8 with a BOM, or .xlsx with numbers as numbers and days as dates.
 */
export async function exportTable(
  table: TableInput,
  out: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ rows: number; bytes: number }> {
  const columns: ExportColumn[] = table.columns.map((column, index) => ({
    header: column.header,
    kind: column.kind satisfies CellKind,
    value: (row) => {
      const cell = (row as { cells: TableInput['rows'][number] }).cells[index];
      return cell ?? null;
    },
  }));
  const sheet: SheetData = {
    name: table.name.slice(0, 31),
    columns,
    rows: table.rows.map((cells) => ({ cells })),
    count: table.rows.length,
  };
  const moments = momentFormat('UTC');
  const progress = progressOf(sheet.count, options.onProgress, options.signal);
  const written = await writeFileAtomically(out, (sink: OutputSink) =>
    table.format === 'csv'
      ? writeCsv(sink, sheet, { delimiter: table.delimiter, moments }, progress)
      : writeXlsx(sink, [sheet], { moments }, progress),
  );
  progress.finish();
  return { rows: progress.done, bytes: written.bytes };
}
