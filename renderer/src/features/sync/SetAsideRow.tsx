import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import type { SetAsideChange } from '../../../../shared/domain/sync.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';

/** One change sync set aside: when, which record and field, the value, and what was wrong with it. */
export function SetAsideRow({ item }: { item: SetAsideChange }) {
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
