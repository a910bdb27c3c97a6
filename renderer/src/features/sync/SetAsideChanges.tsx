import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import type { SetAsideChange } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';

/**
 * Settings → Sync: the changes sync set aside because they break the rules (pulled from the team, or
 * ours refused by the server), each with what was wrong, so no record is ever missing silently.
 */
export function SetAsideChanges({ count }: { count: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useQuery({
    // The count in the status moves whenever something is set aside: refetch then.
    queryKey: ['syncSetAside', 'list', count],
    queryFn: () => api.call('sync.setAside', {}),
    enabled: count > 0,
  });
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
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={t('sync.setAsideTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.when')}</Table.Th>
              <Table.Th>{t('sync.setAsideRecord')}</Table.Th>
              <Table.Th>{t('history.field')}</Table.Th>
              <Table.Th>{t('sync.setAsideValue')}</Table.Th>
              <Table.Th>{t('sync.setAsideReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <SetAsideRow key={item.id} item={item} />
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

function SetAsideRow({ item }: { item: SetAsideChange }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entity = t(`entity.${item.entity}`, { defaultValue: item.entity });
  return (
    <Table.Tr data-testid="set-aside">
      <Table.Td>
        <Text size="sm">{format.dateTime(item.at)}</Text>
        <Badge size="xs" color={item.direction === 'in' ? 'grape' : 'orange'} variant="light">
          {item.direction === 'in' ? t('sync.setAsideIn') : t('sync.setAsideOut')}
        </Badge>
      </Table.Td>
      <Table.Td>
        {item.entity === 'client' ? (
          <a href={hrefOf('client', item.recordId)}>{entity}</a>
        ) : (
          <Text size="sm">{entity}</Text>
        )}
      </Table.Td>
      <Table.Td>{t(fieldLabelKey(item.entity, item.field), { defaultValue: item.field })}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" lineClamp={2} style={{ wordBreak: 'break-all' }}>
          {item.value}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t(`validation.rule.${item.rule ?? 'unknown'}`, { defaultValue: item.reason })}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {item.reason}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
