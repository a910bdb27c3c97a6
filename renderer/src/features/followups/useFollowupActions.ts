import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useUndo } from '../../components/useUndo.tsx';

/** Complete and reschedule follow-ups, with undo and errors in plain words. */
export function useFollowupActions() {
  const api = useApi();
  const { t } = useTranslation();
  const undo = useUndo();
  const fail = (error: Error) =>
    notifications.show({
      color: 'red',
      title: t('errors.title'),
      message: error instanceof AppError ? error.message : t('errors.unexpected'),
    });
  const complete = useMutation({
    mutationFn: (id: string) => api.call('followups.complete', { id }),
    onSuccess: (followup) => undo.offer(t('followups.completed', { title: followup.title })),
    onError: fail,
  });
  const reschedule = useMutation({
    mutationFn: ({ id, dueAt }: { id: string; dueAt: Date }) =>
      api.call('followups.reschedule', { id, dueAt: dueAt.toISOString() }),
    onSuccess: (followup) => undo.offer(t('followups.rescheduled', { title: followup.title })),
    onError: fail,
  });
  return { complete, reschedule };
}
