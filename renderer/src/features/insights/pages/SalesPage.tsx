import { BarChart } from '@mantine/charts';
import { Alert, Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  CompetitorFigures,
  ForecastMonth,
  LostReason,
  PipelineStage,
} from '../../../../../shared/domain/analytics-sales.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights } from '../useInsights.ts';
import { useDaysAndMonths } from './useDaysAndMonths.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';

/** Sales: the pipeline weighted by probability, the forecast by month, wins and losses, and competitors. */
export function SalesPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, money, percent } = useInsightsReport('analytics.sales', state.query);
  const { days, month, compact } = useDaysAndMonths();
  if (!data) return fallback;
  const query = state.query;
  const stageName = (stage: string) => t(`deals.stage.${stage}` as 'deals.stage.won');
  const monthName = (value: string) =>
    value === 'overdue' || value === 'later' || value === 'unscheduled'
      ? t(`insights.sales.${value}`)
      : month(value);
  const amount = <Row,>(key: string, header: string, of: (row: Row) => number): FigureColumn<Row> => ({
    key,
    header,
    kind: 'number',
    value: of,
    render: (row) => money(of(row)),
  });
  const pipelineColumns: FigureColumn<PipelineStage>[] = [
    { key: 'stage', header: t('insights.sales.stage'), kind: 'text', value: (row) => stageName(row.stage) },
    {
      key: 'deals',
      header: t('insights.sales.deals'),
      kind: 'number',
      value: (row) => row.deals,
      render: (row) => <Anchor href={drillHref(query, `pipeline:${row.stage}`)}>{row.deals}</Anchor>,
    },
    { key: 'unpriced', header: t('insights.sales.unpriced'), kind: 'number', value: (row) => row.unpriced },
    amount<PipelineStage>('value', t('insights.sales.value'), (row) => row.value),
    amount<PipelineStage>('weighted', t('insights.sales.weightedValue'), (row) => row.weighted),
  ];
  const forecastColumns: FigureColumn<ForecastMonth>[] = [
    { key: 'month', header: t('insights.sales.month'), kind: 'text', value: (row) => monthName(row.month) },
    { key: 'deals', header: t('insights.sales.deals'), kind: 'number', value: (row) => row.deals },
    amount<ForecastMonth>('value', t('insights.sales.value'), (row) => row.value),
    amount<ForecastMonth>('weighted', t('insights.sales.weightedValue'), (row) => row.weighted),
  ];
  const reasonLabel = (row: LostReason) => row.label ?? t('insights.sales.noReason');
  const reasonColumns: FigureColumn<LostReason>[] = [
    { key: 'reason', header: t('insights.sales.reason'), kind: 'text', value: reasonLabel },
    {
      key: 'deals',
      header: t('insights.sales.deals'),
      kind: 'number',
      value: (row) => row.deals,
      render: (row) => <Anchor href={drillHref(query, `lostReason:${row.key ?? ''}`)}>{row.deals}</Anchor>,
    },
  ];
  const gap = (share: number | null) => (share === null ? '—' : `${share > 0 ? '+' : ''}${percent(share)}`);
  const competitorColumns: FigureColumn<CompetitorFigures>[] = [
    { key: 'competitor', header: t('insights.sales.competitor'), kind: 'text', value: (row) => row.label },
    { key: 'offers', header: t('insights.sales.offers'), kind: 'number', value: (row) => row.offers },
    {
      key: 'dealsLost',
      header: t('insights.sales.dealsLost'),
      kind: 'number',
      value: (row) => row.dealsLost,
      render: (row) => (
        <Anchor href={drillHref(query, `lostTo:${row.key}`)} data-testid={`lost-to-${row.key}`}>
          {row.dealsLost}
        </Anchor>
      ),
    },
    {
      key: 'gap',
      header: t('insights.sales.priceGap'),
      kind: 'number',
      value: (row) => row.medianPriceGap,
      render: (row) => (
        <Text span inherit c={row.medianPriceGap !== null && row.medianPriceGap < 0 ? 'red' : undefined}>
          {gap(row.medianPriceGap)}
        </Text>
      ),
    },
    {
      key: 'compared',
      header: t('insights.sales.priceCompared'),
      kind: 'number',
      value: (row) => row.priceCompared,
    },
  ];
  const defaultOf = (stage: PipelineStage['stage']) =>
    percent((data.pipeline.find((row) => row.stage === stage)?.defaultProbability ?? 0) / 100);
  const defaults = {
    qualification: defaultOf('qualification'),
    proposal: defaultOf('proposal'),
    negotiation: defaultOf('negotiation'),
  };
  const forecastRows = data.forecast.some((row) => row.deals > 0) ? data.forecast : [];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <KpiTile
          label={t('insights.sales.openPipeline')}
          value={money(data.totals.openValue)}
          hint={t('insights.sales.openDeals', { count: data.totals.openDeals })}
          testId="kpi-pipeline"
        />
        <KpiTile
          label={t('insights.sales.weighted')}
          value={money(data.totals.weighted)}
          testId="kpi-weighted"
        />
        <KpiTile
          label={t('insights.sales.winRate')}
          value={percent(data.winRate)}
          hint={t('insights.sales.winRateHint', { won: data.won, lost: data.lost })}
          href={data.won > 0 ? drillHref(query, 'won') : undefined}
          testId="kpi-win-rate"
        />
        <KpiTile
          label={t('insights.sales.averageWon')}
          value={data.averageWonValue === null ? '—' : money(data.averageWonValue)}
          hint={t('insights.sales.wonTotal', { value: money(data.wonValue) })}
        />
        <KpiTile
          label={t('insights.sales.cycle')}
          value={days(data.salesCycleDays)}
          hint={t('insights.sales.cycleHint')}
        />
      </SimpleGrid>
      {data.totals.otherCurrency > 0 && (
        <Alert variant="light" color="yellow">
          {t('insights.sales.otherCurrency', { count: data.totals.otherCurrency })}
        </Alert>
      )}
      <Figure
        title={t('insights.sales.pipeline')}
        description={t('insights.sales.pipelineHint', defaults)}
        testId="sales-pipeline"
        empty={t('insights.sales.noPipeline')}
        table={{
          name: t('insights.sales.pipeline'),
          columns: pipelineColumns,
          rows: data.totals.openDeals > 0 ? data.pipeline : [],
          rowKey: (row) => row.stage,
        }}
        chart={
          <BarChart
            h={240}
            data={data.pipeline.map((row) => ({ ...row, stage: stageName(row.stage) }))}
            dataKey="stage"
            valueFormatter={money}
            yAxisProps={{ width: 60, tickFormatter: compact }}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'value', label: t('insights.sales.value'), color: 'blue.5' },
              { name: 'weighted', label: t('insights.sales.weightedValue'), color: 'teal.6' },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.sales.forecast')}
        description={t('insights.sales.forecastHint')}
        testId="sales-forecast"
        empty={t('insights.sales.noForecast')}
        table={{
          name: t('insights.sales.forecast'),
          columns: forecastColumns,
          rows: forecastRows,
          rowKey: (row) => row.month,
        }}
        chart={
          <BarChart
            h={260}
            data={forecastRows.map((row) => ({ ...row, month: monthName(row.month) }))}
            dataKey="month"
            valueFormatter={money}
            yAxisProps={{ width: 60, tickFormatter: compact }}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[{ name: 'weighted', label: t('insights.sales.weightedValue'), color: 'teal.6' }]}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Figure
          title={t('insights.sales.lostReasons')}
          description={t('insights.sales.lostReasonsHint')}
          testId="sales-lost-reasons"
          empty={t('insights.sales.noLost')}
          table={{
            name: t('insights.sales.lostReasons'),
            columns: reasonColumns,
            rows: data.lostReasons,
            rowKey: (row) => row.key ?? '∅',
          }}
          chart={
            <BarChart
              h={Math.max(180, Math.min(data.lostReasons.length, 10) * 36)}
              data={data.lostReasons
                .slice(0, 10)
                .map((row) => ({ reason: reasonLabel(row), deals: row.deals }))}
              dataKey="reason"
              orientation="vertical"
              yAxisProps={{ width: 140 }}
              xAxisProps={{ allowDecimals: false }}
              series={[{ name: 'deals', label: t('insights.sales.deals'), color: 'red.6' }]}
            />
          }
        />
        <Figure
          title={t('insights.sales.competitors')}
          description={t('insights.sales.competitorsHint')}
          testId="sales-competitors"
          empty={t('insights.sales.noCompetitors')}
          table={{
            name: t('insights.sales.competitors'),
            columns: competitorColumns,
            rows: data.competitors,
            rowKey: (row) => row.key,
          }}
        />
      </SimpleGrid>
    </Stack>
  );
}
