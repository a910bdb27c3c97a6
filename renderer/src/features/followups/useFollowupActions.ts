import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { useUndo } from '../../components/useUndo.tsx';

/** Complete and reschedule follow-ups, with undo and errors in plain words. */
export function useFollowupActions() {
  const { t } = useTranslation();
  const undo = useUndo();
  const fail = (error: Error) =>
    notifications.show({
      color: 'red',
      title: t('errors.title'),
      message: error instanceof AppError ? error.message : t('errors.unexpected'),
    });
  const complete = useApiMutation('followups.complete', {
    onSuccess: (followup) => undo.offer(t('followups.completed', { title: followup.title })),
    onError: fail,
  });
  const reschedule = useApiMutation('followups.reschedule', {
    onSuccess: (followup) => undo.offer(t('followups.rescheduled', { title: followup.title })),
    onError: fail,
  });
  return { complete, reschedule };
}
