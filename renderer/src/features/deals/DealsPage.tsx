import { Anchor, Badge, Card, SegmentedControl, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DealStage, dealStages } from '../../../../shared/domain/deal.ts';
import { useApiInfiniteQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { EmptyHint, LoadError, LoadMore } from '../../components/Feedback.tsx';
import { RecordName } from '../records/FieldValue.tsx';

/** Every deal, newest first, by stage, with the client it is for (a link to the client). */
export function DealsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [stage, setStage] = useState<DealStage | 'all'>('all');
  const list = useApiInfiniteQuery('deals.list', { limit: 100, ...(stage === 'all' ? {} : { stage }) });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t('deals.pageTitle')}</Title>
      <SegmentedControl
        aria-label={t('deals.stageLabel')}
        value={stage}
        onChange={(value) => setStage(value)}
        data={[
          { value: 'all', label: t('deals.all') },
          ...dealStages.map((value) => ({ value, label: t(`deals.stage.${value}`) })),
        ]}
      />
      {list.isError && <LoadError onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && (
        <EmptyHint text={stage === 'all' ? t('deals.emptyAll') : t('deals.emptyStage')} />
      )}
      {items.length > 0 && (
        <Card withBorder padding={0}>
          <Table striped highlightOnHover aria-label={t('deals.pageTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deals.title')}</Table.Th>
                <Table.Th>{t('deals.client')}</Table.Th>
                <Table.Th>{t('deals.stageLabel')}</Table.Th>
                <Table.Th>{t('deals.value')}</Table.Th>
                <Table.Th>{t('deals.expectedClose')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((deal) => (
                <Table.Tr key={deal.id}>
                  <Table.Td>
                    <Anchor href={hrefOf('client', deal.clientId, 'deals')}>{deal.title}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    <RecordName table="client" id={deal.clientId} />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`deals.stage.${deal.stage}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {deal.value ? format.money(deal.value.amount, deal.value.currency) : '—'}
                  </Table.Td>
                  <Table.Td>{deal.expectedCloseOn ? format.date(deal.expectedCloseOn) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <LoadMore list={list} />
    </Stack>
  );
}
