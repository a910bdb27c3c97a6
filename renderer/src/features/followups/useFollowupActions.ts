import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useUndo } from '../../components/useUndo.tsx';

/** Complete and reschedule follow-ups, with undo and errors in plain words. */
export function useFollowupActions() {
  const { t } = useTranslation();
  const undo = useUndo();
  const showError = useShowError();
  const fail = (error: Error) => showError(error);
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
