import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../shared/api/errors.ts';
import { describeStorageProblem, storageProblemOf } from '../../../shared/api/storage-problem.ts';
import { catalogs } from '../../../shared/i18n/index.ts';
import { localizeIssue } from '../../../shared/i18n/validation.ts';
import { useLanguage } from './useFormat.ts';

/** What a failed call means for a form: a message per field (by API path) and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

/** Turns API errors into words in the user's language: validation issues per field, else the message. */
export function useErrorText() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (error: unknown): FormErrors => {
    if (!(error instanceof AppError)) return { fields: {}, form: t('errors.unexpected') };
    const storage = storageProblemOf(error);
    if (storage) return { fields: {}, form: describeStorageProblem(storage, catalogs[language]) };
    const issues = error.details?.issues ?? [];
    if (issues.length === 0) return { fields: {}, form: error.message };
    const fields: Record<string, string> = {};
    for (const issue of issues) fields[issue.path] ??= localizeIssue(issue, catalogs[language]);
    return { fields, form: null };
  };
}

/**
 * Turns the issues of a contract schema checked in the form into words in the user's language, by API
 * path, exactly as the backend's refusal of the same value would read (the first issue of each field).
 */
export function useSchemaIssueText() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (issues: readonly z.core.$ZodIssue[]): Record<string, string> => {
    const fields: Record<string, string> = {};
    for (const issue of issues) {
      const path = issue.path.map(String).join('.');
      fields[path] ??= issueText(issue, path);
    }
    return fields;
  };

  function issueText(issue: z.core.$ZodIssue, path: string): string {
    // An empty text is zod's "too small"; people read it as a required field left blank.
    if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) {
      return t('validation.required');
    }
    if (issue.code === 'too_big' && issue.origin === 'string') {
      return t('validation.tooLong', { max: Number(issue.maximum) });
    }
    return localizeIssue(asFieldIssue(issue, path), catalogs[language]);
  }
}

/** The issue as the backend reports it (db/dispatch.ts): our validators name their rule, zod's go by code. */
function asFieldIssue(issue: z.core.$ZodIssue, path: string): FieldIssue {
  const rule =
    issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code;
  return { path, rule, message: issue.message };
}
