import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiProvider.tsx';
import { useShowError } from './useShowError.ts';

/**
 * After a change the user may regret (delete, complete, reschedule): a notification that says what
 * happened, with an Undo button that reverts the last change of this device (`history.undo`).
 */
export function useUndo() {
  const api = useApi();
  const { t } = useTranslation();
  const showError = useShowError();
  const undoLast = async (id: string) => {
    notifications.hide(id);
    try {
      await api.call('history.undo', {});
      notifications.show({ message: t('undo.done'), autoClose: 3000 });
    } catch (error) {
      showError(error, t('undo.failed'));
    }
  };
  return {
    offer(message: string) {
      const id = `undo-${String(Date.now())}-${String(Math.random())}`;
      notifications.show({
        id,
        autoClose: 8000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{message}</Text>
            <Button size="compact-sm" variant="light" onClick={() => void undoLast(id)}>
              {t('undo.action')}
            </Button>
          </Group>
        ),
      });
    },
  };
}
