import { Button, Card, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';

/** "Changed after deletion — restore?" */
export function DeletedEdited({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const api = useApi();
  const resolve = useMutation({
    mutationFn: (choice: 'kept' | 'lost') => api.call('sync.resolveConflict', { id: conflict.id, choice }),
  });
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600}>
        {t('sync.deletedEdited')}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t('sync.deletedEditedDetail', {
          field: t(`client.field.${conflict.field}`, { defaultValue: conflict.field }),
          value: conflict.lost,
        })}
      </Text>
      <Group mt="xs" gap="xs">
        <Button size="xs" onClick={() => resolve.mutate('lost')} loading={resolve.isPending}>
          {t('sync.restore')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate('kept')}
          loading={resolve.isPending}
        >
          {t('sync.keepDeleted')}
        </Button>
      </Group>
    </Card>
  );
}
