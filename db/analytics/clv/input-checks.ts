import { AppError, type FieldIssue } from '../../../shared/api/errors.ts';

/** How many problems one error lists; a file with a thousand bad rows needs the first few, not all. */
const MAX_LISTED = 10;

/**
 * Collects what is wrong with a list of inputs and throws one validation error naming the first few,
 * so that a caller learns everything it must fix at once rather than one row per try.
 */
export class InputChecks {
  private readonly issues: FieldIssue[] = [];
  private count = 0;

  private readonly what: string;

  /** `what` opens the message: "Some purchases cannot be used — …". */
  constructor(what: string) {
    this.what = what;
  }

  /** Records one problem (callers test first, so a valid row builds no message). */
  report(path: string, rule: string, message: string): void {
    this.count++;
    if (this.issues.length < MAX_LISTED) this.issues.push({ path, rule, message });
  }

  /** How many problems were recorded so far. */
  get problemCount(): number {
    return this.count;
  }

  /** Throws the validation error when any problem was recorded. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const listed = this.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    const more = this.count > this.issues.length ? ` (and ${this.count - this.issues.length} more)` : '';
    throw new AppError('validation', `${this.what} — ${listed}${more}`, {
      issues: this.issues,
      problems: this.count,
    });
  }
}

/** True for a finite number at least zero. */
export function isNonNegative(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** True for a finite number above zero. */
export function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}
