import type { z } from 'zod';
import { AppError, type FieldIssue } from '../shared/api/errors.ts';

/** Turns zod's issues into a validation error that names each field and rule. */
export function validationError(error: z.ZodError): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    // Our own validators name their rule (shared/domain/fields.ts); zod's own issues go by their code.
    rule: issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code,
    message: issue.message,
  }));
  const summary = issues
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message).replace(/\.$/, ''))
    .join('; ');
  return new AppError('validation', `Check the input — ${summary}`, { issues });
}
