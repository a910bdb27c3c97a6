import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client.ts';
import { useApiCache, useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { hrefOf } from '../../router/router.ts';
import { MergeClientModal } from './MergeClientModal.tsx';

/**
 * "This may be the same client as …": other clients with the same name, phone or email, each with a way
 * to merge this one into it or to say it is not a duplicate (remembered on this laptop).
 */
export function DuplicateHint({ client }: { client: Client }) {
  const { t } = useTranslation();
  const cache = useApiCache();
  const errorText = useErrorText();
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const duplicates = useApiQuery('clients.possibleDuplicates', { id: client.id });
  const dismiss = useApiMutation('clients.dismissDuplicate', {
    // The answer is the list left to suggest: show it at once.
    onSuccess: (list) => cache.set('clients.possibleDuplicates', { id: client.id }, list),
    onError: (error) => notifications.show({ color: 'red', message: errorText(error).form ?? '' }),
  });
  const items = duplicates.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={18} />}
      title={t('duplicates.title')}
      role="region"
      aria-label={t('duplicates.title')}
    >
      <Stack gap={6}>
        {items.map((item) => (
          <Group key={item.id} gap="xs" data-testid="possible-duplicate">
            <Anchor href={hrefOf('client', item.id)} fw={600}>
              {item.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t(`duplicates.reason.${item.reason}`)}
            </Text>
            <Button size="compact-xs" variant="light" onClick={() => setMergeInto(item.id)}>
              {t('duplicates.merge')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              loading={dismiss.isPending && dismiss.variables.otherId === item.id}
              onClick={() => dismiss.mutate({ id: client.id, otherId: item.id })}
            >
              {t('duplicates.dismiss')}
            </Button>
          </Group>
        ))}
      </Stack>
      <MergeClientModal
        client={client}
        opened={mergeInto !== null}
        initialTarget={mergeInto}
        onClose={() => setMergeInto(null)}
      />
    </Alert>
  );
}
