import { type Method, type ParsedInput, contract } from '../shared/api/contract.ts';
import type { AppError } from '../shared/api/errors.ts';
import { validationError } from './validation-error.ts';

/**
 * The input of `method` checked against the contract, or the validation error to answer with. Only a
 * missing input (`undefined`: a call with no argument) stands for `{}`; a `null` body is a value, and like
 * any other non-object it is refused, so `history.undo` sent `null` by a confused client undoes nothing.
 */
export function parseMethodInput<M extends Method>(
  method: M,
  rawInput: unknown,
): { ok: true; input: ParsedInput<M> } | { ok: false; error: AppError } {
  const parsed = contract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
  return parsed.success
    ? { ok: true, input: parsed.data as ParsedInput<M> }
    : { ok: false, error: validationError(parsed.error) };
}
