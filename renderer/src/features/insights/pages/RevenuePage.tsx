import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Badge, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import {
  type AnalyticsDimension,
  type ClientFigures,
  type RevenueGroup,
  analyticsDimensions,
} from '../../../../../shared/domain/analytics.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { clientColumn, compactNumber, numberColumn } from '../columns.tsx';
import { useFormat } from '../../../i18n/useFormat.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { useInsights } from '../useInsights.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';
import { quarterTicks } from '../shareTicks.ts';

/** Revenue and profit: what each kind of client brings, the Pareto curve, and who costs more than they bring. */
export function RevenuePage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { language } = useFormat();
  const [by, setBy] = useState<AnalyticsDimension>('segment');
  const { data, fallback, money, percent } = useInsightsReport('analytics.revenue', { ...state.query, by });
  const losing = useApiQuery('analytics.clients', {
    ...state.query,
    unprofitable: true,
    sort: 'profitAfterService',
    direction: 'asc',
    limit: 20,
  });
  if (!data) return fallback;
  const shareTop = Math.max(1, ...data.pareto.flatMap((point) => [point.profitShare, point.revenueShare]));
  const shareTicks = quarterTicks(shareTop);
  const { totals, scope } = data;
  const query = state.query;
  const groupLabel = (group: RevenueGroup) =>
    group.label === null
      ? t('insights.revenue.none')
      : by === 'stage'
        ? t(`client.stage.${group.label}` as 'client.stage.active')
        : group.label;
  const groupColumns: FigureColumn<RevenueGroup>[] = [
    { key: 'label', header: t(`insights.dimension.${by}`), kind: 'text', value: groupLabel },
    {
      key: 'clients',
      header: t('insights.revenue.clients'),
      kind: 'number',
      value: (group) => group.clients,
      render: (group) => (
        <Anchor href={drillHref(query, `group:${by}:${group.key ?? ''}`)}>{group.clients}</Anchor>
      ),
    },
    numberColumn('revenue', t('insights.revenue.revenue'), money),
    numberColumn('profit', t('insights.revenue.profit'), money),
    numberColumn('costToServe', t('insights.revenue.costToServe'), money),
    numberColumn('profitAfterService', t('insights.revenue.profitAfterService'), money),
  ];
  const margin = totals.revenue > 0 ? totals.profit / totals.revenue : null;
  return (
    <Stack gap="md">
      {scope.currency === null && <Text c="dimmed">{t('insights.noPayments')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <KpiTile label={t('insights.revenue.revenue')} value={money(totals.revenue)} testId="kpi-revenue" />
        <KpiTile
          label={t('insights.revenue.profit')}
          value={money(totals.profit)}
          hint={t('insights.revenue.margin', { margin: percent(margin) })}
          testId="kpi-profit"
        />
        <KpiTile label={t('insights.revenue.costToServe')} value={money(totals.costToServe)} />
        <KpiTile label={t('insights.revenue.profitAfterService')} value={money(totals.profitAfterService)} />
        <KpiTile
          label={t('insights.revenue.unprofitable')}
          value={totals.unprofitableClients}
          href={drillHref(query, 'unprofitable')}
          testId="kpi-unprofitable"
        />
      </SimpleGrid>
      <Figure
        title={t('insights.revenue.byKind')}
        description={t('insights.revenue.byKindHint')}
        testId="revenue-by-kind"
        actions={
          <Select
            size="xs"
            w={150}
            aria-label={t('insights.revenue.groupBy')}
            allowDeselect={false}
            data={analyticsDimensions.map((dimension) => ({
              value: dimension,
              label: t(`insights.dimension.${dimension}`),
            }))}
            value={by}
            onChange={(value) => value && setBy(value)}
          />
        }
        empty={t('insights.revenue.noClients')}
        table={{
          name: `${t('insights.revenue.byKind')} - ${t(`insights.dimension.${by}`)}`,
          columns: groupColumns,
          rows: data.groups,
          rowKey: (group) => group.key ?? '∅',
        }}
        chart={
          <BarChart
            h={Math.max(220, Math.min(data.groups.length, 12) * 36)}
            data={data.groups.slice(0, 12).map((group) => ({ ...group, label: groupLabel(group) }))}
            dataKey="label"
            orientation="vertical"
            yAxisProps={{ width: 140 }}
            // The axis in short numbers (4,5 млн); the tooltip and the table have the amounts in full.
            xAxisProps={{ tickFormatter: compactNumber(language) }}
            valueFormatter={money}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'revenue', label: t('insights.revenue.revenue'), color: 'blue.5' },
              { name: 'profit', label: t('insights.revenue.profit'), color: 'teal.6' },
              {
                name: 'profitAfterService',
                label: t('insights.revenue.profitAfterService'),
                color: 'grape.6',
              },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.revenue.pareto')}
        testId="revenue-pareto"
        description={
          data.topFifthProfitShare === null ? undefined : (
            <Trans
              i18nKey="insights.revenue.topFifth"
              values={{
                profit: percent(data.topFifthProfitShare),
                revenue: percent(data.topFifthRevenueShare),
              }}
              components={{ clients: <Anchor href={drillHref(query, 'topFifth')} /> }}
            />
          )
        }
        empty={t('insights.revenue.noPaying')}
        table={{
          name: t('insights.revenue.pareto'),
          columns: [
            {
              key: 'clients',
              header: t('insights.revenue.clientShare'),
              kind: 'number',
              value: (point) => point.clientShare,
              render: (point) => percent(point.clientShare),
            },
            {
              key: 'revenue',
              header: t('insights.revenue.revenueShare'),
              kind: 'number',
              value: (point) => point.revenueShare,
              render: (point) => percent(point.revenueShare),
            },
            {
              key: 'profit',
              header: t('insights.revenue.profitShare'),
              kind: 'number',
              value: (point) => point.profitShare,
              render: (point) => percent(point.profitShare),
            },
          ],
          rows: data.pareto,
          rowKey: (point) => String(point.clientShare),
        }}
        chart={
          <LineChart
            h={260}
            data={data.pareto.map((point) => ({ ...point, share: percent(point.clientShare) }))}
            dataKey="share"
            valueFormatter={(value) => percent(value)}
            yAxisProps={{
              domain: [0, shareTop],
              ticks: shareTicks,
              tickFormatter: (value: number) => percent(value),
            }}
            withLegend
            legendProps={legendInSeriesOrder}
            withDots={false}
            series={[
              { name: 'profitShare', label: t('insights.revenue.profitShare'), color: 'teal.6' },
              { name: 'revenueShare', label: t('insights.revenue.revenueShare'), color: 'blue.5' },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.revenue.losing')}
        testId="revenue-losing"
        description={t('insights.revenue.losingHint')}
        empty={t('insights.revenue.noLosing')}
        loading={!losing.data}
        actions={
          totals.unprofitableClients > 0 ? (
            <Anchor size="sm" href={drillHref(query, 'unprofitable')}>
              {t('insights.revenue.openAll', { count: totals.unprofitableClients })}
            </Anchor>
          ) : undefined
        }
        table={{
          name: t('insights.revenue.losing'),
          columns: losingColumns(t, money),
          rows: losing.data?.items ?? [],
          rowKey: (client) => client.clientId,
        }}
      />
    </Stack>
  );
}

/** The columns of a list of clients losing money, with the reasons as badges. */
export function losingColumns(
  t: TFunction,
  money: (amount: number) => string,
): FigureColumn<ClientFigures>[] {
  return [
    clientColumn(t('insights.revenue.client')),
    numberColumn('revenue', t('insights.revenue.revenue'), money),
    numberColumn('profit', t('insights.revenue.profit'), money),
    numberColumn('costToServe', t('insights.revenue.costToServe'), money),
    numberColumn('profitAfterService', t('insights.revenue.profitAfterService'), money),
    {
      key: 'why',
      header: t('insights.revenue.why'),
      kind: 'text',
      value: (client) => client.lossReasons.map((reason) => t(`insights.loss.${reason}`)).join('; '),
      render: (client) => (
        <Group gap={4}>
          {client.lossReasons.map((reason) => (
            <Badge key={reason} variant="light" color="red" size="sm" tt="none">
              {t(`insights.loss.${reason}`)}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];
}
