import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { hrefOf } from '../../router/router.ts';
import { MergeClientModal } from './MergeClientModal.tsx';

/**
 * "This may be the same client as …": other clients with the same name, phone or email, each with a way
 * to merge this one into it or to say it is not a duplicate (remembered on this laptop).
 */
export function DuplicateHint({ client }: { client: Client }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const queryKey = ['client', client.id, 'duplicates', 'contact'];
  const duplicates = useQuery({
    queryKey,
    queryFn: () => api.call('clients.possibleDuplicates', { id: client.id }),
  });
  const dismiss = useMutation({
    mutationFn: (otherId: string) => api.call('clients.dismissDuplicate', { id: client.id, otherId }),
    onSuccess: (list) => queryClient.setQueryData(queryKey, list),
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
              loading={dismiss.isPending && dismiss.variables === item.id}
              onClick={() => dismiss.mutate(item.id)}
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
