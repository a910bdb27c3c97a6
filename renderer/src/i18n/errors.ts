import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/api/errors.ts';
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
    const issues = error.details?.issues ?? [];
    if (issues.length === 0) return { fields: {}, form: error.message };
    const fields: Record<string, string> = {};
    for (const issue of issues) fields[issue.path] ??= localizeIssue(issue, catalogs[language]);
    return { fields, form: null };
  };
}
