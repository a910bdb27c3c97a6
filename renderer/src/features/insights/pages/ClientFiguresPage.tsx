import { Anchor, Badge, Checkbox, Group, Pagination, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClientFigures, clientFigureSorts } from '../../../../../shared/domain/analytics.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { hrefOf } from '../../../router/router.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { InsightsProblem } from '../InsightsProblem.tsx';
import { useInsights, useMoney } from '../useInsights.ts';

const PAGE = 50;
type Sort = (typeof clientFigureSorts)[number];

/** Every client's figures over the period, sorted as asked: the table behind every other page. */
export function ClientFiguresPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const [sort, setSort] = useState<Sort>('profitAfterService');
  const [ascending, setAscending] = useState(false);
  const [unprofitable, setUnprofitable] = useState(false);
  const [page, setPage] = useState(1);
  const answer = useApiQuery('analytics.clients', {
    ...state.query,
    sort,
    direction: ascending ? 'asc' : 'desc',
    unprofitable,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const money = useMoney(answer.data?.scope.currency ?? null);
  if (answer.error) return <InsightsProblem error={answer.error} />;
  if (!answer.data) return <Skeleton h={400} />;
  const pages = Math.max(1, Math.ceil(answer.data.total / PAGE));
  const amount = (key: 'revenue' | 'profit' | 'costToServe' | 'profitAfterService', header: string) =>
    ({
      key,
      header,
      kind: 'number',
      value: (row) => row[key],
      render: (row) => (
        <Text span c={row[key] < 0 ? 'red' : undefined} inherit>
          {money(row[key])}
        </Text>
      ),
    }) satisfies FigureColumn<ClientFigures>;
  const columns: FigureColumn<ClientFigures>[] = [
    {
      key: 'name',
      header: t('insights.revenue.client'),
      kind: 'text',
      value: (row) => row.name,
      render: (row) => (
        <Group gap={4} wrap="nowrap">
          <Anchor href={hrefOf('client', row.clientId)}>{row.name}</Anchor>
          {row.vip && (
            <Badge size="xs" variant="light">
              VIP
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'segment',
      header: t('client.field.segment'),
      kind: 'text',
      value: (row) => row.segment,
    },
    amount('revenue', t('insights.revenue.revenue')),
    amount('profit', t('insights.revenue.profit')),
    {
      key: 'minutes',
      header: t('insights.clients.minutes'),
      kind: 'number',
      value: (row) => row.interactionMinutes,
    },
    {
      key: 'requests',
      header: t('insights.clients.requests'),
      kind: 'number',
      value: (row) => row.serviceRequests,
    },
    amount('costToServe', t('insights.revenue.costToServe')),
    amount('profitAfterService', t('insights.revenue.profitAfterService')),
    {
      key: 'late',
      header: t('insights.clients.daysLate'),
      kind: 'number',
      value: (row) => row.averageDaysLate,
      render: (row) => (row.averageDaysLate === null ? '—' : row.averageDaysLate),
    },
    {
      key: 'why',
      header: t('insights.revenue.why'),
      kind: 'text',
      value: (row) => row.lossReasons.map((reason) => t(`insights.loss.${reason}`)).join('; '),
    },
  ];
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('insights.clients.sort')}
          w={220}
          allowDeselect={false}
          data={clientFigureSorts.map((value) => ({ value, label: t(`insights.clients.by.${value}`) }))}
          value={sort}
          onChange={(value) => {
            setSort(value ?? 'profitAfterService');
            setPage(1);
          }}
        />
        <Checkbox
          label={t('insights.clients.ascending')}
          checked={ascending}
          onChange={(event) => {
            setAscending(event.currentTarget.checked);
            setPage(1);
          }}
        />
        <Checkbox
          label={t('insights.clients.onlyLosing')}
          checked={unprofitable}
          onChange={(event) => {
            setUnprofitable(event.currentTarget.checked);
            setPage(1);
          }}
        />
      </Group>
      <Figure
        title={t('insights.clients.title')}
        description={t('insights.clients.count', { count: answer.data.total })}
        empty={t('insights.revenue.noClients')}
        testId="client-figures"
        table={{
          name: t('insights.clients.title'),
          columns,
          rows: answer.data.items,
          rowKey: (row) => row.clientId,
        }}
      />
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': t(`insights.clients.pager.${control}`) })}
        />
      )}
    </Stack>
  );
}
