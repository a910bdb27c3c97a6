import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/errors.ts';

/** What went wrong computing a page, in words: a period that ends before it starts, an unknown filter… */
export function InsightsProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { form, fields } = errorText(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('insights.problem')}>
      {form ?? (Object.values(fields).join(' ') || t('errors.unexpected'))}
    </Alert>
  );
}
