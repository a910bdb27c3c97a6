import { uniqueColumnNames, type RowProblem, type SourceRow } from './source-row.ts';
import {
  defaultArchiveLimits,
  openXlsxArchive,
  type ArchiveLimits,
  type XlsxArchive,
} from './xlsx-archive.ts';
import {
  columnIndex,
  missingSheet,
  readDateStyles,
  readSharedStrings,
  readWorkbook,
  serialToIso,
  unescapeOoxml,
  xmlChunks,
} from './xlsx-parts.ts';

/** How to read an .xlsx: which sheet (the first when left out) and where its header is. */
export interface XlsxSettings {
  sheet?: string;
  /** 1-based Excel row of the header. */
  headerRow: number;
  limits?: ArchiveLimits;
}

/** The cells of one sheet row, by column index, as Excel stores them. */
export interface SheetRow {
  row: number;
  cells: string[];
  problems: RowProblem[];
}

/**
 * Streams the rows of one sheet with their Excel row numbers. Cells come as Excel stores them: text as
 * text, numbers as the digits it wrote, dates (numbers in a date format) as ISO 8601, booleans as
 * TRUE/FALSE, and a formula as its cached result, never evaluated (one without a result is empty, with a
 * problem).
 */
export async function* readSheetRows(
  path: string,
  sheet?: string,
  limits = defaultArchiveLimits,
): AsyncGenerator<SheetRow> {
  const archive = await openXlsxArchive(path, limits);
  try {
    yield* rowsOf(archive, sheet);
  } finally {
    archive.close();
  }
}

async function* rowsOf(archive: XlsxArchive, sheetName: string | undefined): AsyncGenerator<SheetRow> {
  const workbook = await readWorkbook(archive);
  const sheet =
    sheetName === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === sheetName);
  if (sheet === undefined) throw missingSheet(sheetName ?? '(first)', workbook.sheets);
  const strings = await readSharedStrings(archive);
  const dateStyles = await readDateStyles(archive);
  const ready: SheetRow[] = [];
  const cell = {
    column: 0,
    type: '',
    style: 0,
    value: '',
    inline: [] as string[],
    formula: false,
    capture: '',
  };
  let current: SheetRow = { row: 0, cells: [], problems: [] };
  const finishCell = () => {
    const value = cellValue(cell, strings, dateStyles, workbook.date1904);
    if (cell.formula && cell.value === '' && cell.type !== 'inlineStr') {
      current.problems.push({
        code: 'formula_without_value',
        row: current.row,
        message: `Row ${current.row}: a formula has no saved result (Rapport never calculates one); open the file in Excel and save it again.`,
      });
    }
    current.cells[cell.column] = value;
  };
  const chunks = xmlChunks(await archive.stream(sheet.part), {
    onOpen: (name, a) => {
      if (name === 'row') current = { row: a.r ? Number(a.r) : current.row + 1, cells: [], problems: [] };
      else if (name === 'c') {
        const column = a.r ? columnIndex(a.r) : current.cells.length;
        Object.assign(cell, {
          column,
          type: a.t ?? 'n',
          style: Number(a.s ?? 0),
          value: '',
          inline: [],
          formula: false,
        });
      } else if (name === 'v') cell.capture = 'v';
      else if (name === 'f') cell.formula = true;
      else if (name === 't') cell.capture = 't';
      else if (name === 'rPh') cell.capture = 'skip';
    },
    onText: (text) => {
      if (cell.capture === 'v') cell.value += text;
      else if (cell.capture === 't') cell.inline.push(text);
    },
    onClose: (name) => {
      if (name === 'v' || name === 't' || name === 'rPh') cell.capture = '';
      else if (name === 'c') finishCell();
      else if (name === 'row') ready.push({ ...current, cells: denseCells(current.cells) });
    },
  });
  for await (const _ of chunks) yield* ready.splice(0, ready.length);
  yield* ready;
}

/** Excel leaves empty cells out: the gaps become empty strings. */
function denseCells(cells: readonly (string | undefined)[]): string[] {
  return Array.from({ length: cells.length }, (_, index) => cells[index] ?? '');
}

function cellValue(
  cell: { type: string; style: number; value: string; inline: string[] },
  strings: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
): string {
  switch (cell.type) {
    case 's':
      return strings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return unescapeOoxml(cell.inline.join(''));
    case 'b':
      return cell.value === '1' ? 'TRUE' : cell.value === '' ? '' : 'FALSE';
    case 'str':
      return unescapeOoxml(cell.value);
    case 'e':
    case 'd':
      return cell.value;
    default: {
      const number = Number(cell.value);
      if (cell.value !== '' && dateStyles[cell.style] === true && Number.isFinite(number)) {
        return serialToIso(number, date1904);
      }
      return cell.value;
    }
  }
}

/** Reads the rows of a sheet under its header, as the same rows every reader yields. */
export async function* readXlsx(path: string, settings: XlsxSettings): AsyncGenerator<SourceRow> {
  let columns: string[] | undefined;
  for await (const sheetRow of readSheetRows(path, settings.sheet, settings.limits)) {
    if (sheetRow.row < settings.headerRow) continue;
    if (columns === undefined) {
      columns = uniqueColumnNames(sheetRow.cells);
      if (sheetRow.row === settings.headerRow) continue;
    }
    if (sheetRow.cells.every((value) => value === '')) continue;
    yield rowOf(sheetRow, columns);
  }
}

function rowOf(sheetRow: SheetRow, columns: readonly string[]): SourceRow {
  const fields: Record<string, string> = {};
  columns.forEach((name, index) => (fields[name] = sheetRow.cells[index] ?? ''));
  const problems = [...sheetRow.problems];
  const extra = sheetRow.cells.slice(columns.length);
  if (extra.some((value) => value !== '')) {
    extra.forEach((value, index) => (fields[`Column ${columns.length + index + 1}`] = value));
    problems.push({
      code: 'too_many_fields',
      row: sheetRow.row,
      message: `Row ${sheetRow.row} has cells right of the last header column; they are kept as "Column ${columns.length + 1}"….`,
    });
  }
  return { row: sheetRow.row, fields, problems };
}

/** The sheets of a workbook, the chosen one, its header row (the first wide row) and a preview. */
export async function xlsxLayout(
  path: string,
  sheet?: string,
  headerRow?: number,
): Promise<{ sheets: string[]; sheet: string; headerRow: number; header: string[]; preview: string[][] }> {
  const archive = await openXlsxArchive(path);
  let sheets: string[];
  try {
    sheets = (await readWorkbook(archive)).sheets.map((s) => s.name);
  } finally {
    archive.close();
  }
  const chosen = sheet ?? sheets[0];
  if (chosen === undefined) throw missingSheet('(first)', []);
  const rows: SheetRow[] = [];
  for await (const row of readSheetRows(path, chosen)) {
    rows.push(row);
    if (rows.length >= 50) break;
  }
  const width = Math.max(0, ...rows.map((r) => r.cells.filter((v) => v !== '').length));
  const header =
    rows.find((r) => r.row === headerRow) ??
    rows.find((r) => r.cells.filter((v) => v !== '').length >= Math.max(1, width / 2)) ??
    rows[0];
  const at = header === undefined ? 0 : rows.indexOf(header);
  return {
    sheets,
    sheet: chosen,
    headerRow: headerRow ?? header?.row ?? 1,
    header: header?.cells ?? [],
    preview: rows.slice(at + 1, at + 6).map((r) => r.cells),
  };
}
