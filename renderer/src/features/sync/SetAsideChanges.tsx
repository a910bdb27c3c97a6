import { Badge, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiCache, useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { SetAsideRow } from './SetAsideRow.tsx';

/**
 * Settings → Sync: the changes sync set aside because they break the rules (pulled from the team, or
 * ours refused by the server), each with what was wrong, so no record is ever missing silently.
 */
export function SetAsideChanges({ count }: { count: number }) {
  const { t } = useTranslation();
  const cache = useApiCache();
  const errorText = useErrorText();
  const list = useApiQuery('sync.setAside', {}, { enabled: count > 0 });
  const discard = useApiMutation('sync.discardSetAside', {
    // The answer is the list as it is now.
    onSuccess: (now) => {
      cache.set('sync.setAside', {}, now);
      notifications.show({ message: t('sync.setAsideDiscarded') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error).form ?? '' }),
  });
  // The count in the status moves whenever something is set aside: refetch the list then.
  useEffect(() => void cache.invalidate('sync.setAside'), [cache, count]);
  const items = list.data?.items ?? [];
  if (count === 0 || items.length === 0) return null;
  const more = (list.data?.total ?? 0) - items.length;
  return (
    <Stack gap="xs" mt="md" role="region" aria-label={t('sync.setAsideTitle')}>
      <Title order={5}>
        {t('sync.setAsideTitle')}{' '}
        <Badge color="orange" variant="light">
          {t('sync.setAsideCount', { count: list.data?.total ?? count })}
        </Badge>
      </Title>
      <Text size="sm" c="dimmed">
        {t('sync.setAsideHint')}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped aria-label={t('sync.setAsideTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.setAsideRecord')}</Table.Th>
              <Table.Th>{t('history.field')}</Table.Th>
              <Table.Th>{t('sync.setAsideValue')}</Table.Th>
              <Table.Th>{t('sync.setAsideReason')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('sync.setAsideActions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <SetAsideRow
                key={item.id}
                item={item}
                discarding={discard.isPending && discard.variables.id === item.id}
                onDiscard={() => discard.mutate({ id: item.id })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="sm" c="dimmed">
          {t('sync.setAsideMore', { count: more })}
        </Text>
      )}
    </Stack>
  );
}
