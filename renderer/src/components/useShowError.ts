import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/api/errors.ts';

/**
 * Shows a failed action as a red notification: the backend's own words for what went wrong (already in
 * the user's language), or "something unexpected" for anything else; titled `title` or "Error".
 */
export function useShowError(): (error: unknown, title?: string) => void {
  const { t } = useTranslation();
  return (error, title) =>
    notifications.show({
      color: 'red',
      title: title ?? t('errors.title'),
      message: error instanceof AppError ? error.message : t('errors.unexpected'),
    });
}
