import type { CellProblem, MappingProblemCode } from '../mapped-row.ts';
import type { CellValue } from './read-cell.ts';

/** One read cell: its value and the column it came from. */
export interface Cell<T extends CellValue = CellValue> {
  value: T;
  column: string;
}

/**
 * What one row's mapped cells gave, by target id, and what assembling it into records finds wrong.
 * `columns` records, for every value put in a record, the field path and the column it came from.
 */
export class RowCells {
  readonly problems: CellProblem[] = [];
  readonly columns: Record<string, string> = {};
  /** Targets with a cell that could not be read (so a missing value is not reported twice). */
  readonly refused = new Set<string>();
  /** The label of each email or phone column's values in this row (from its label column or its name). */
  readonly labels = new Map<string, string | null>();
  private readonly cells = new Map<string, Cell[]>();

  readonly row: number;

  constructor(row: number) {
    this.row = row;
  }

  add(target: string, cell: Cell): void {
    const list = this.cells.get(target);
    if (list) list.push(cell);
    else this.cells.set(target, [cell]);
  }

  all(target: string): Cell[] {
    return this.cells.get(target) ?? [];
  }

  first(target: string): Cell | undefined {
    return this.cells.get(target)?.[0];
  }

  text(target: string): Cell<string> | undefined {
    const cell = this.first(target);
    return cell && typeof cell.value === 'string' ? (cell as Cell<string>) : undefined;
  }

  has(prefix: string): boolean {
    for (const key of this.cells.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** Puts `value` at `path` of `values` and remembers its column. */
  put(
    values: Record<string, unknown>,
    part: string,
    path: string,
    cell: Cell | undefined,
    value: unknown = cell?.value,
  ): void {
    if (cell === undefined) return;
    values[path] = value;
    this.columns[`${part}.${path}`] = cell.column;
  }

  problem(
    column: string | null,
    code: MappingProblemCode,
    message: string,
    value?: string,
    allowed?: string[],
  ): void {
    this.problems.push({
      row: this.row,
      column,
      code,
      ...(value === undefined ? {} : { value: value.slice(0, 200) }),
      message,
      ...(allowed ? { allowed } : {}),
    });
  }
}
