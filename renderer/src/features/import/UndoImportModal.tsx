import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { useImportText } from './importText.ts';

/** The import to take back, as the confirmation names it. */
export interface ImportToUndo {
  id: string;
  fileName: string;
  created: number;
  updated: number;
}

/**
 * "Undo this import?": says what it deletes (the records it created) and restores (the fields it
 * changed), then takes the whole import back in one step (`imports.undo`).
 */
export function UndoImportModal({
  run,
  onClose,
  onUndone,
}: {
  run: ImportToUndo | null;
  onClose: () => void;
  onUndone?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useImportText();
  const undo = useApiMutation('imports.undo', {
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: t('transfer.undo.done', { file: run?.fileName ?? '' }),
      });
      onUndone?.();
      onClose();
    },
  });
  return (
    <Modal
      opened={run !== null}
      onClose={() => {
        undo.reset();
        onClose();
      }}
      title={t('transfer.undo.title')}
      centered
    >
      {run && (
        <Stack>
          <Text>{t('transfer.undo.question', { file: run.fileName })}</Text>
          <Text size="sm">
            {t('transfer.undo.deletes', { n: format.number(run.created) })}{' '}
            {t('transfer.undo.restores', { n: format.number(run.updated) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('transfer.undo.rest')}
          </Text>
          {undo.isError && (
            <Alert color="red" title={t('transfer.undo.failed')}>
              {text.failure(undo.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={undo.isPending}
              onClick={() => undo.mutate({ id: run.id })}
              data-autofocus
            >
              {t('transfer.undo.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
