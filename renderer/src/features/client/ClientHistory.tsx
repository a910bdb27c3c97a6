import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntity } from '../../../../shared/domain/history.ts';
import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { EmptyHint, LoadError } from '../../components/Feedback.tsx';
import { FieldValue } from '../records/FieldValue.tsx';

/**
 * Every change of a record, field by field: when, what, from what, to what; each field by its label and
 * each value as the rest of the UI shows it (FieldValue).
 */
export function ClientHistory({ entity, id }: { entity: HistoryEntity; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useApiQuery('history.forRecord', { entity, id, limit: 200 });
  if (history.isError) return <LoadError onRetry={() => void history.refetch()} />;
  if (history.isSuccess && history.data.items.length === 0) return <EmptyHint text={t('history.empty')} />;
  return (
    <Table striped aria-label={t('client.tab.history')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.when')}</Table.Th>
          <Table.Th>{t('history.field')}</Table.Th>
          <Table.Th>{t('history.from')}</Table.Th>
          <Table.Th>{t('history.to')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data?.items.map((change) => (
          <Table.Tr key={`${change.seq}/${change.field}`}>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{format.dateTime(change.at)}</Text>
                {change.origin === 'undo' && <Badge size="xs">{t('history.undo')}</Badge>}
                {change.importedFrom !== null && (
                  <Badge size="xs" color="teal" variant="light">
                    {t('history.importedFrom', { file: change.importedFrom })}
                  </Badge>
                )}
                {change.origin === 'sync' && (
                  <Badge size="xs" color="grape">
                    {t('history.sync')}
                  </Badge>
                )}
                {change.undone && (
                  <Badge size="xs" color="gray">
                    {t('history.undone')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{t(fieldLabelKey(entity, change.field), { defaultValue: change.field })}</Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" lineClamp={2}>
                <FieldValue entity={entity} field={change.field} value={change.oldValue} />
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2}>
                <FieldValue entity={entity} field={change.field} value={change.newValue} />
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
