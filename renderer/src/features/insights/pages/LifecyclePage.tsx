import { BarChart, FunnelChart } from '@mantine/charts';
import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type LifecycleStageFigures,
  type SourceCount,
  funnelStages,
} from '../../../../../shared/domain/analytics-sales.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights } from '../useInsights.ts';
import { useDaysAndMonths } from './useDaysAndMonths.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';
import { useFormat } from '../../../i18n/useFormat.ts';

const funnelColors = { prospect: 'blue.3', lead: 'blue.5', active: 'teal.6', loyal: 'grape.6' } as const;
/** Pixels kept free at the funnel's right for its labels (a count of up to seven digits, grouped). */
const FUNNEL_LABEL_ROOM = 64;

/** Lifecycle: the funnel prospect → lead → active → loyal, time in each stage, lapsed and lost, new by source. */
export function LifecyclePage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, percent } = useInsightsReport('analytics.lifecycle', state.query);
  const { days } = useDaysAndMonths();
  const { number } = useFormat();
  if (!data) return fallback;
  const { stages, newBySource } = data;
  const query = state.query;
  const stageName = (stage: string) => t(`client.stage.${stage}` as 'client.stage.active');
  const link = (count: number, set: string) => <Anchor href={drillHref(query, set)}>{count}</Anchor>;
  const anyone = stages.some((stage) => stage.reached > 0);
  const funnelRows: readonly string[] = funnelStages;
  const timed = stages.some((stage) => stage.medianDays !== null);
  const prospect = stages.find((stage) => stage.stage === 'prospect');
  const stageColumn: FigureColumn<LifecycleStageFigures> = {
    key: 'stage',
    header: t('insights.lifecycle.stage'),
    kind: 'text',
    value: (row) => stageName(row.stage),
  };
  const funnelColumns: FigureColumn<LifecycleStageFigures>[] = [
    stageColumn,
    {
      key: 'reachedOrFurther',
      header: t('insights.lifecycle.reachedOrFurther'),
      kind: 'number',
      value: (row) => row.reachedOrFurther,
      render: (row) =>
        funnelRows.includes(row.stage) ? link(row.reachedOrFurther, `atLeast:${row.stage}`) : '—',
    },
    {
      key: 'reached',
      header: t('insights.lifecycle.reached'),
      kind: 'number',
      value: (row) => row.reached,
      render: (row) => link(row.reached, `reached:${row.stage}`),
    },
    {
      key: 'converted',
      header: t('insights.lifecycle.converted'),
      kind: 'number',
      value: (row) => row.converted,
    },
    {
      key: 'conversion',
      header: t('insights.lifecycle.conversion'),
      kind: 'number',
      value: (row) => row.conversion,
      render: (row) => percent(row.conversion),
    },
    {
      key: 'entered',
      header: t('insights.lifecycle.entered'),
      kind: 'number',
      value: (row) => row.entered,
      render: (row) => link(row.entered, `entered:${row.stage}`),
    },
    {
      key: 'now',
      header: t('insights.lifecycle.now'),
      kind: 'number',
      value: (row) => row.now,
      render: (row) => link(row.now, `group:stage:${row.stage}`),
    },
  ];
  const timeColumns: FigureColumn<LifecycleStageFigures>[] = [
    stageColumn,
    {
      key: 'median',
      header: t('insights.lifecycle.medianDays'),
      kind: 'number',
      value: (row) => row.medianDays,
      render: (row) => days(row.medianDays),
    },
    {
      key: 'completed',
      header: t('insights.lifecycle.completed'),
      kind: 'number',
      value: (row) => row.completedStays,
    },
    {
      key: 'open',
      header: t('insights.lifecycle.open'),
      kind: 'number',
      value: (row) => row.openStays,
    },
  ];
  const sourceLabel = (row: SourceCount) => row.label ?? t('insights.lifecycle.noSource');
  const sourceColumns: FigureColumn<SourceCount>[] = [
    { key: 'source', header: t('insights.lifecycle.source'), kind: 'text', value: sourceLabel },
    {
      key: 'clients',
      header: t('insights.lifecycle.clients'),
      kind: 'number',
      value: (row) => row.clients,
      render: (row) => link(row.clients, `newBySource:${row.key ?? ''}`),
    },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <KpiTile
          label={t('insights.lifecycle.newClients')}
          value={data.newClients}
          href={drillHref(query, 'newClients')}
          testId="kpi-new"
        />
        <KpiTile
          label={t('insights.lifecycle.toLead')}
          value={percent(prospect?.conversion ?? null)}
          hint={`${String(prospect?.converted ?? 0)} / ${String(prospect?.reached ?? 0)}`}
          testId="kpi-conversion"
        />
        <KpiTile
          label={t('insights.lifecycle.lapsed')}
          value={data.lapsed}
          href={drillHref(query, 'entered:lapsed')}
          testId="kpi-lapsed"
        />
        <KpiTile
          label={t('insights.lifecycle.lost')}
          value={data.lost}
          href={drillHref(query, 'entered:lost')}
          testId="kpi-lost"
        />
      </SimpleGrid>
      <Figure
        title={t('insights.lifecycle.funnel')}
        description={t('insights.lifecycle.funnelHint')}
        testId="lifecycle-funnel"
        empty={t('insights.lifecycle.noFunnel')}
        table={{
          name: t('insights.lifecycle.funnel'),
          columns: funnelColumns,
          rows: anyone ? stages : [],
          rowKey: (row) => row.stage,
        }}
        chart={
          <FunnelChart
            size={260}
            withLabels
            labelsPosition="right"
            // Room at the right for the labels, which recharts otherwise draws past the chart's edge
            // (a count of 54 showed as "5").
            funnelChartProps={{ margin: { right: FUNNEL_LABEL_ROOM } }}
            valueFormatter={number}
            withLegend
            legendProps={legendInSeriesOrder}
            withTooltip
            tooltipDataSource="segment"
            // A stage no client reached has no width to draw: as a segment it would only stack its
            // label "0" under the others. The table lists every stage.
            data={funnelStages.flatMap((stage) => {
              const value = stages.find((row) => row.stage === stage)?.reachedOrFurther ?? 0;
              return value > 0 ? [{ name: stageName(stage), value, color: funnelColors[stage] }] : [];
            })}
          />
        }
      />
      <Figure
        title={t('insights.lifecycle.time')}
        description={t('insights.lifecycle.timeHint')}
        testId="lifecycle-time"
        empty={t('insights.lifecycle.noFunnel')}
        table={{
          name: t('insights.lifecycle.time'),
          columns: timeColumns,
          rows: anyone ? stages : [],
          rowKey: (row) => row.stage,
        }}
        chart={
          timed ? (
            <BarChart
              h={240}
              data={stages
                .filter((row) => row.medianDays !== null)
                .map((row) => ({ stage: stageName(row.stage), median: row.medianDays ?? 0 }))}
              dataKey="stage"
              valueFormatter={(value) => days(value)}
              // A stay shorter than a few hours has a median of 0.0 days: a sliver still shows its bar
              // (and its tooltip), where a bar of no height left the chart looking empty.
              barProps={{ minPointSize: 2 }}
              series={[{ name: 'median', label: t('insights.lifecycle.medianDays'), color: 'teal.6' }]}
            />
          ) : undefined
        }
      />
      <Figure
        title={t('insights.lifecycle.bySource')}
        description={t('insights.lifecycle.bySourceHint')}
        testId="lifecycle-sources"
        empty={t('insights.lifecycle.noNew')}
        table={{
          name: t('insights.lifecycle.bySource'),
          columns: sourceColumns,
          rows: newBySource,
          rowKey: (row) => row.key ?? '∅',
        }}
        chart={
          <BarChart
            h={Math.max(200, Math.min(newBySource.length, 12) * 36)}
            data={newBySource.slice(0, 12).map((row) => ({ source: sourceLabel(row), clients: row.clients }))}
            dataKey="source"
            orientation="vertical"
            yAxisProps={{ width: 140 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'clients', label: t('insights.lifecycle.clients'), color: 'blue.5' }]}
          />
        }
      />
    </Stack>
  );
}
