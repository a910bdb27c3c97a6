/** A column of a table behind a chart: its header, how its cells are written, and how they read on screen. */
export interface FigureColumn<Row> {
  key: string;
  header: string;
  kind: 'text' | 'number' | 'day';
  /** The plain value, as exported (numbers stay numbers). */
  value(row: Row): string | number | boolean | null;
  /** What the screen shows (formatted money, a link…); the plain value when left out. */
  render?(row: Row): React.ReactNode;
  align?: 'left' | 'right';
}

/** A table behind a chart: its rows and columns, and the name an export of it takes. */
export interface FigureTableData<Row> {
  name: string;
  columns: readonly FigureColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row, index: number): string;
}
