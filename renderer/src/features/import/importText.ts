import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import { useCatalogText } from '../../i18n/catalogText.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { humanizeCode } from '../../i18n/humanizeCode.ts';
import type { InspectResult } from './importWizard.ts';

/** A problem with a row or a value, as the backend reports it (English message, stable code). */
export interface ImportProblem {
  row: number;
  column: string | null;
  code: string;
  value?: string;
  message: string;
}

export type ImportTarget = InspectResult['targets'][number];

/** Words for what the backend says about an import, in the user's language. */
export function useImportText() {
  const { t } = useTranslation();
  const text = useCatalogText();
  const errorText = useErrorText();
  return {
    /** Why a value or a row is refused: `import.problem.<code>`, else the backend's English message. */
    problem: (problem: ImportProblem) =>
      text(`import.problem.${problem.code}`, problem.message, {
        row: problem.row,
        column: problem.column ?? '',
        value: problem.value ?? '',
      }),
    /** A field a column can go to, by its label key (`client.field.name`). */
    target: (target: ImportTarget) =>
      text(target.labelKey, humanizeCode(target.id.split('.').slice(1).join(' ') || target.id)),
    /** The record kind a group of targets belongs to (`client`, `contact`, `payment`…). */
    entity: (entity: string) => text(`entity.${entity}`, humanizeCode(entity)),
    /**
     * A failed call: a refused file says what is wrong with it (its import problem), any other error
     * says what the backend said, or that something unexpected happened.
     */
    failure: (error: unknown): string => {
      if (error instanceof AppError) {
        const code = error.details?.importProblem;
        if (typeof code === 'string') return text(`import.problem.${code}`, error.message);
      }
      const { form, fields } = errorText(error);
      return form ?? (Object.values(fields).join(' ') || t('errors.unexpected'));
    },
  };
}
