import { AppError } from '../../shared/api/errors.ts';

/** The AppError a call was refused with; fails the test if it succeeded or failed otherwise. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** The AppError a synchronous call threw; fails the test if it returned or threw something else. */
export function appErrorThrownBy(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an AppError, but the call succeeded');
}
