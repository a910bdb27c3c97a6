import { Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { hrefOf } from '../../router/router.ts';

/** Two versions of a text edited at once: keep either, or a combination of both. */
export function TextConflict({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const api = useApi();
  const [combined, setCombined] = useState(`${conflict.kept}\n${conflict.lost}`);
  const resolve = useMutation({
    mutationFn: (choice: 'kept' | 'lost' | 'combined') =>
      api.call('sync.resolveConflict', {
        id: conflict.id,
        choice,
        ...(choice === 'combined' ? { text: combined } : {}),
      }),
  });
  const href = conflict.entity === 'client' ? hrefOf('client', conflict.recordId) : null;
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600} mb={4}>
        {href ? (
          <a href={href}>{t(`client.field.${conflict.field}`, { defaultValue: conflict.field })}</a>
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
          onClick={() => resolve.mutate('kept')}
          loading={resolve.isPending}
        >
          {t('sync.keepCurrent')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate('lost')}
          loading={resolve.isPending}
        >
          {t('sync.keepOther')}
        </Button>
        <Button size="xs" onClick={() => resolve.mutate('combined')} loading={resolve.isPending}>
          {t('sync.keepCombined')}
        </Button>
      </Group>
    </Card>
  );
}
