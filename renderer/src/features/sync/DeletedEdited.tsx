import { Button, Card, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import { useApiMutation } from '../../api/useApiQuery.ts';

/** "Changed after deletion — restore?" */
export function DeletedEdited({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const resolve = useApiMutation('sync.resolveConflict');
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600}>
        {t('sync.deletedEdited')}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t('sync.deletedEditedDetail', {
          field: t(fieldLabelKey(conflict.entity, conflict.field), { defaultValue: conflict.field }),
          value: conflict.lost,
        })}
      </Text>
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'lost' })}
          loading={resolve.isPending}
        >
          {t('sync.restore')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'kept' })}
          loading={resolve.isPending}
        >
          {t('sync.keepDeleted')}
        </Button>
      </Group>
    </Card>
  );
}
