import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import { Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { hrefOf } from '../../router/router.ts';

/** Two versions of a text edited at once: keep either, or a combination of both. */
export function TextConflict({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const [combined, setCombined] = useState(`${conflict.kept}\n${conflict.lost}`);
  const resolve = useApiMutation('sync.resolveConflict');
  const href = conflict.entity === 'client' ? hrefOf('client', conflict.recordId) : null;
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600} mb={4}>
        {href ? (
          <a href={href}>
            {t(fieldLabelKey(conflict.entity, conflict.field), { defaultValue: conflict.field })}
          </a>
        ) : (
          conflict.field
        )}
      </Text>
      <Group grow align="flex-start">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('sync.current')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {conflict.kept}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('sync.other')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {conflict.lost}
          </Text>
        </Stack>
      </Group>
      <Textarea
        mt="xs"
        autosize
        minRows={2}
        label={t('sync.combined')}
        value={combined}
        onChange={(e) => setCombined(e.currentTarget.value)}
      />
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'kept' })}
          loading={resolve.isPending}
        >
          {t('sync.keepCurrent')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'lost' })}
          loading={resolve.isPending}
        >
          {t('sync.keepOther')}
        </Button>
        <Button
          size="xs"
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'combined', text: combined })}
          loading={resolve.isPending}
        >
          {t('sync.keepCombined')}
        </Button>
      </Group>
    </Card>
  );
}
