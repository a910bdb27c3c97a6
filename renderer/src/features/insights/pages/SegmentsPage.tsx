import { BarChart, MatrixChart } from '@mantine/charts';
import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type RfmSegment, segmentOf } from '../../../../../shared/domain/analytics-rfm.ts';
import type { SegmentsReport, VipSuggestion } from '../../../../../shared/domain/analytics-segments.ts';
import type { AnalyticsQuery } from '../../../../../shared/domain/analytics.ts';
import { useApiMutation } from '../../../api/useApiQuery.ts';
import { useShowError } from '../../../components/useShowError.ts';
import { useUndo } from '../../../components/useUndo.tsx';
import { useFormat } from '../../../i18n/useFormat.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { clientColumn, numberColumn } from '../columns.tsx';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights, useMoney, usePercent } from '../useInsights.ts';
import { heatCellStyle } from './heatCell.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';

type GridRow = { r: number; cells: SegmentsReport['grid'] };

/** Segments: RFM segments, the R × F grid, ABC classes by revenue and the clients to make VIP. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, money, percent, format } = useInsightsReport('analytics.segments', state.query);
  if (!data) return fallback;
  const query = state.query;
  const name = (segment: RfmSegment) => t(`insights.segments.name.${segment}`);
  const champions = data.segments.find((s) => s.segment === 'champions')?.clients ?? 0;
  const classA = data.abc.find((a) => a.abc === 'A')?.clients ?? 0;
  const paying = data.payingClients;
  const segments = paying > 0 ? data.segments : [];
  const count = (value: number, set: string, what: string) => (
    <Anchor
      href={drillHref(query, set)}
      aria-label={t('insights.segments.openClients', { count: value, what })}
    >
      {format.number(value)}
    </Anchor>
  );
  const segmentColumns: FigureColumn<SegmentsReport['segments'][number]>[] = [
    { key: 'segment', header: t('insights.segments.segment'), kind: 'text', value: (s) => name(s.segment) },
    {
      key: 'clients',
      header: t('insights.segments.clients'),
      kind: 'number',
      value: (s) => s.clients,
      render: (s) => count(s.clients, `rfm:${s.segment}`, name(s.segment)),
    },
    {
      key: 'clientShare',
      header: t('insights.segments.clientShare'),
      kind: 'number',
      value: (s) => s.clients / paying,
      render: (s) => percent(s.clients / paying),
    },
    {
      key: 'revenue',
      header: t('insights.segments.revenue'),
      kind: 'number',
      value: (s) => s.revenue,
      render: (s) => money(s.revenue),
    },
    {
      key: 'revenueShare',
      header: t('insights.segments.revenueShare'),
      kind: 'number',
      value: (s) => s.revenueShare,
      render: (s) => percent(s.revenueShare),
    },
  ];
  return (
    <Stack gap="md">
      {data.scope.currency === null && <Text c="dimmed">{t('insights.noPayments')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <KpiTile
          label={t('insights.segments.paying')}
          value={format.number(paying)}
          href={drillHref(query, 'paying')}
          hint={money(data.revenue)}
          testId="kpi-paying"
        />
        <KpiTile
          label={t('insights.segments.champions')}
          value={format.number(champions)}
          href={drillHref(query, 'rfm:champions')}
          testId="kpi-champions"
        />
        <KpiTile
          label={t('insights.segments.classA')}
          value={format.number(classA)}
          href={drillHref(query, 'abc:A')}
          hint={percent(data.abc.find((a) => a.abc === 'A')?.revenueShare ?? null)}
        />
        <KpiTile
          label={t('insights.segments.suggested')}
          value={format.number(data.vipSuggestions.total)}
          href={drillHref(query, 'vipSuggested')}
          testId="kpi-vip-suggested"
        />
      </SimpleGrid>
      <Figure
        title={t('insights.segments.bySegment')}
        description={t('insights.segments.bySegmentHint', { day: format.day(data.asOf) })}
        testId="segments-by-segment"
        empty={t('insights.segments.noPaying')}
        table={{
          name: t('insights.segments.bySegment'),
          columns: segmentColumns,
          rows: segments,
          rowKey: (s) => s.segment,
        }}
        chart={
          <BarChart
            h={11 * 30 + 40}
            data={segments.map((s) => ({
              label: name(s.segment),
              clientShare: s.clients / paying,
              revenueShare: s.revenueShare,
            }))}
            dataKey="label"
            orientation="vertical"
            yAxisProps={{ width: 170 }}
            xAxisProps={{ tickFormatter: (value: number) => percent(value) }}
            valueFormatter={(value) => percent(value)}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'clientShare', label: t('insights.segments.clientShare'), color: 'blue.5' },
              { name: 'revenueShare', label: t('insights.segments.revenueShare'), color: 'teal.6' },
            ]}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RfmGridFigure data={data} query={query} />
        <AbcFigure data={data} query={query} />
      </SimpleGrid>
      <VipSuggestions data={data} query={query} />
    </Stack>
  );
}

/** The R × F grid: how many paying clients have each pair of scores, each count a way into them. */
function RfmGridFigure({ data, query }: { data: SegmentsReport; query: AnalyticsQuery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(0, ...data.grid.map((cell) => cell.clients));
  const rows: GridRow[] =
    data.payingClients > 0
      ? [5, 4, 3, 2, 1].map((r) => ({ r, cells: data.grid.filter((cell) => cell.r === r) }))
      : [];
  const columns: FigureColumn<GridRow>[] = [
    {
      key: 'r',
      header: `${t('insights.segments.recency')} \\ ${t('insights.segments.frequency')}`,
      kind: 'text',
      value: (row) => `R ${String(row.r)}`,
    },
    ...[1, 2, 3, 4, 5].map((f): FigureColumn<GridRow> => ({
      key: `f${String(f)}`,
      header: `F ${String(f)}`,
      kind: 'number',
      align: 'right',
      value: (row) => row.cells.find((cell) => cell.f === f)?.clients ?? 0,
      render: (row) => {
        const clients = row.cells.find((cell) => cell.f === f)?.clients ?? 0;
        return (
          <Anchor
            href={drillHref(query, `rfmCell:${String(row.r)}:${String(f)}`)}
            style={{ ...heatCellStyle(clients, max), display: 'block', padding: '2px 6px', borderRadius: 4 }}
            aria-label={cellWords(t, row.r, f, clients)}
            underline="hover"
          >
            {format.number(clients)}
          </Anchor>
        );
      },
    })),
  ];
  return (
    <Figure
      title={t('insights.segments.grid')}
      description={t('insights.segments.gridHint')}
      testId="segments-grid"
      empty={t('insights.segments.noPaying')}
      table={{ name: t('insights.segments.grid'), columns, rows, rowKey: (row) => String(row.r) }}
      chart={
        <MatrixChart
          data={data.grid.map((cell) => ({
            x: `F ${String(cell.f)}`,
            y: `R ${String(cell.r)}`,
            value: cell.clients,
          }))}
          xLabels={[1, 2, 3, 4, 5].map((f) => `F ${String(f)}`)}
          yLabels={[5, 4, 3, 2, 1].map((r) => `R ${String(r)}`)}
          withXLabels
          withYLabels
          xLabelsPosition="top"
          xLabelsRotation={0}
          xLabelsHeight={24}
          yLabelsWidth={40}
          cellSize={44}
          gap={3}
          colors={['teal.1', 'teal.3', 'teal.5', 'teal.7', 'teal.9']}
          withTooltip
          getTooltipLabel={(cell) =>
            cellWords(t, Number(cell.y.slice(2)), Number(cell.x.slice(2)), cell.value ?? 0)
          }
        />
      }
    />
  );
}

function cellWords(t: TFunction, r: number, f: number, count: number): string {
  return t('insights.segments.cell', {
    r,
    f,
    count,
    segment: t(`insights.segments.name.${segmentOf(r, f)}`),
  });
}

/** ABC classes: each class's share of the paying clients against its share of the revenue. */
function AbcFigure({ data, query }: { data: SegmentsReport; query: AnalyticsQuery }) {
  const { t } = useTranslation();
  const money = useMoney(data.scope.currency);
  const percent = usePercent();
  const format = useFormat();
  const rows = data.payingClients > 0 ? data.abc : [];
  return (
    <Figure
      title={t('insights.segments.abc')}
      description={t('insights.segments.abcHint')}
      testId="segments-abc"
      empty={t('insights.segments.noPaying')}
      table={{
        name: t('insights.segments.abc'),
        rows,
        rowKey: (row) => row.abc,
        columns: [
          { key: 'abc', header: t('insights.segments.class'), kind: 'text', value: (row) => row.abc },
          {
            key: 'clients',
            header: t('insights.segments.clients'),
            kind: 'number',
            value: (row) => row.clients,
            render: (row) => (
              <Anchor
                href={drillHref(query, `abc:${row.abc}`)}
                aria-label={t('insights.segments.openClients', {
                  count: row.clients,
                  what: t('insights.segments.classOf', { abc: row.abc }),
                })}
              >
                {format.number(row.clients)}
              </Anchor>
            ),
          },
          {
            key: 'clientShare',
            header: t('insights.segments.clientShare'),
            kind: 'number',
            value: (row) => row.clientShare,
            render: (row) => percent(row.clientShare),
          },
          {
            key: 'revenue',
            header: t('insights.segments.revenue'),
            kind: 'number',
            value: (row) => row.revenue,
            render: (row) => money(row.revenue),
          },
          {
            key: 'revenueShare',
            header: t('insights.segments.revenueShare'),
            kind: 'number',
            value: (row) => row.revenueShare,
            render: (row) => percent(row.revenueShare),
          },
        ],
      }}
      chart={
        <BarChart
          h={240}
          data={rows.map((row) => ({ ...row, label: t('insights.segments.classOf', { abc: row.abc }) }))}
          dataKey="label"
          yAxisProps={{ tickFormatter: (value: number) => percent(value), domain: [0, 1] }}
          valueFormatter={(value) => percent(value)}
          withLegend
          legendProps={legendInSeriesOrder}
          series={[
            { name: 'clientShare', label: t('insights.segments.clientShare'), color: 'blue.5' },
            { name: 'revenueShare', label: t('insights.segments.revenueShare'), color: 'teal.6' },
          ]}
        />
      }
    />
  );
}

/** The clients that look like VIPs and are not marked: one click each, or all at once, with undo. */
function VipSuggestions({ data, query }: { data: SegmentsReport; query: AnalyticsQuery }) {
  const { t } = useTranslation();
  const money = useMoney(data.scope.currency);
  const undo = useUndo();
  const showError = useShowError();
  const fail = (error: Error) => showError(error);
  const markOne = useApiMutation('clients.update', {
    onSuccess: (client) => undo.offer(t('insights.segments.marked', { name: client.name })),
    onError: fail,
  });
  const markAll = useApiMutation('analytics.markSuggestedVip', {
    onSuccess: ({ marked }) => undo.offer(t('insights.segments.markedAll', { count: marked })),
    onError: fail,
  });
  const { items, total } = data.vipSuggestions;
  const columns: FigureColumn<VipSuggestion>[] = [
    clientColumn(t('insights.segments.client')),
    {
      key: 'segment',
      header: t('insights.segments.segment'),
      kind: 'text',
      value: (row) => t(`insights.segments.name.${row.rfm.segment}`),
    },
    { key: 'score', header: t('insights.segments.score'), kind: 'text', value: (row) => row.rfm.score },
    {
      key: 'abc',
      header: t('insights.segments.class'),
      kind: 'text',
      value: (row) => row.abc,
      render: (row) => (
        <Badge variant="light" color={row.abc === 'A' ? 'teal' : 'gray'}>
          {row.abc}
        </Badge>
      ),
    },
    numberColumn('revenue', t('insights.segments.revenue'), money),
    {
      key: 'mark',
      header: t('insights.segments.markVip'),
      kind: 'text',
      align: 'right',
      value: () => '',
      render: (row) => (
        <Button
          size="compact-xs"
          variant="light"
          loading={markOne.isPending && markOne.variables.id === row.clientId}
          aria-label={t('insights.segments.markVipOf', { name: row.name })}
          onClick={() => markOne.mutate({ id: row.clientId, vip: true })}
        >
          {t('insights.segments.markVip')}
        </Button>
      ),
    },
  ];
  return (
    <Figure
      title={t('insights.segments.vip')}
      description={
        total > items.length
          ? `${t('insights.segments.vipHint')} ${t('insights.segments.vipMore', { shown: items.length, count: total })}`
          : t('insights.segments.vipHint')
      }
      testId="segments-vip"
      empty={t('insights.segments.noVip')}
      actions={
        total > 0 ? (
          <Group gap="xs" wrap="nowrap">
            <Anchor size="sm" href={drillHref(query, 'vipSuggested')}>
              {t('insights.revenue.openAll', { count: total })}
            </Anchor>
            <Button size="xs" loading={markAll.isPending} onClick={() => markAll.mutate(query)}>
              {t('insights.segments.markAll', { count: total })}
            </Button>
          </Group>
        ) : undefined
      }
      table={{ name: t('insights.segments.vip'), columns, rows: items, rowKey: (row) => row.clientId }}
    />
  );
}
