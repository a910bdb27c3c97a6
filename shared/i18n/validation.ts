import type { FieldIssue } from '../api/errors.ts';
import type { Catalog, MessageKey } from './en.ts';

/**
 * The message of a validation issue in the user's language: the translation of its rule when the
 * catalog has one, else the backend's English message.
 */
export function localizeIssue(issue: FieldIssue, catalog: Catalog): string {
  const key = `validation.rule.${issue.rule}`;
  return Object.hasOwn(catalog, key) ? catalog[key as MessageKey] : issue.message;
}
