import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Card, Group, NumberInput, SimpleGrid, Slider, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COHORT_MONTHS,
  type RetentionCohort,
  type RetentionMonth,
  type RetentionReport,
  retentionWhatIf,
} from '../../../../../shared/domain/analytics-retention.ts';
import type { AnalyticsQuery } from '../../../../../shared/domain/analytics.ts';
import { useFormat } from '../../../i18n/useFormat.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights, useMoney, usePercent } from '../useInsights.ts';
import { heatCellStyle } from './heatCell.ts';
import { useMonthLabel } from './useMonthLabel.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';

/** Retention: who stays, who is lost each month, how each month's new clients come back, and the what-if. */
export function RetentionPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, percent, format } = useInsightsReport('analytics.retention', state.query);
  const monthLabel = useMonthLabel();
  if (!data) return fallback;
  const query = state.query;
  const { period } = data;
  const rated = data.months.some((month) => month.retentionRate !== null) ? data.months : [];
  const losing = data.months.some((month) => month.lost > 0) ? data.months : [];
  const monthColumns: FigureColumn<RetentionMonth>[] = [
    { key: 'month', header: t('insights.retention.month'), kind: 'text', value: (m) => monthLabel(m.month) },
    {
      key: 'active',
      header: t('insights.retention.activeAtStart'),
      kind: 'number',
      value: (m) => m.activeAtStart,
    },
    { key: 'retained', header: t('insights.retention.retained'), kind: 'number', value: (m) => m.retained },
    {
      key: 'lost',
      header: t('insights.retention.lost'),
      kind: 'number',
      value: (m) => m.lost,
      render: (m) => <Anchor href={drillHref(query, `lost:${m.month}`)}>{format.number(m.lost)}</Anchor>,
    },
    { key: 'new', header: t('insights.retention.newClients'), kind: 'number', value: (m) => m.newClients },
    {
      key: 'rate',
      header: t('insights.retention.rateColumn'),
      kind: 'number',
      value: (m) => m.retentionRate,
      render: (m) => percent(m.retentionRate),
    },
  ];
  return (
    <Stack gap="md">
      {data.scope.currency === null && <Text c="dimmed">{t('insights.noPayments')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <KpiTile
          label={t('insights.retention.rate')}
          value={percent(period.retentionRate)}
          hint={
            period.activeAtStart > 0
              ? t('insights.retention.rateHint', {
                  retained: format.number(period.retained),
                  active: format.number(period.activeAtStart),
                  day: format.day(data.scope.from),
                })
              : t('insights.retention.noActive')
          }
          testId="kpi-retention"
        />
        <KpiTile label={t('insights.retention.activeAtStart')} value={format.number(period.activeAtStart)} />
        <KpiTile
          label={t('insights.retention.lost')}
          value={format.number(period.lost)}
          href={drillHref(query, 'lostInPeriod')}
          testId="kpi-lost"
        />
        <KpiTile label={t('insights.retention.newClients')} value={format.number(period.newClients)} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('insights.retention.definition')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Figure
          title={t('insights.retention.byMonth')}
          testId="retention-by-month"
          empty={t('insights.retention.noActive')}
          table={{
            name: t('insights.retention.byMonth'),
            columns: monthColumns,
            rows: rated,
            rowKey: (m) => m.month,
          }}
          chart={
            <LineChart
              h={240}
              data={rated.map((m) => ({ label: monthLabel(m.month), rate: m.retentionRate }))}
              dataKey="label"
              yAxisProps={{ domain: [0, 1], tickFormatter: (value: number) => percent(value) }}
              valueFormatter={(value) => percent(value)}
              connectNulls={false}
              series={[{ name: 'rate', label: t('insights.retention.rateColumn'), color: 'teal.6' }]}
            />
          }
        />
        <Figure
          title={t('insights.retention.lostByMonth')}
          description={t('insights.retention.lostHint')}
          testId="retention-lost"
          empty={t('insights.retention.noLost')}
          table={{
            name: t('insights.retention.lostByMonth'),
            columns: monthColumns,
            rows: losing,
            rowKey: (m) => m.month,
          }}
          chart={
            <BarChart
              h={240}
              data={losing.map((m) => ({
                label: monthLabel(m.month),
                lost: m.lost,
                newClients: m.newClients,
              }))}
              dataKey="label"
              valueFormatter={(value) => format.number(value)}
              yAxisProps={{ allowDecimals: false }}
              withLegend
              legendProps={legendInSeriesOrder}
              series={[
                { name: 'lost', label: t('insights.retention.lost'), color: 'red.6' },
                { name: 'newClients', label: t('insights.retention.newClients'), color: 'blue.5' },
              ]}
            />
          }
        />
      </SimpleGrid>
      <CohortFigure data={data} query={query} />
      <WhatIf data={data} />
    </Stack>
  );
}

/** The cohort-by-month heatmap: a table whose cells are shaded by the share that bought again. */
function CohortFigure({ data, query }: { data: RetentionReport; query: AnalyticsQuery }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const format = useFormat();
  const monthLabel = useMonthLabel();
  const columns: FigureColumn<RetentionCohort>[] = [
    { key: 'month', header: t('insights.retention.cohort'), kind: 'text', value: (c) => monthLabel(c.month) },
    {
      key: 'clients',
      header: t('insights.segments.clients'),
      kind: 'number',
      value: (c) => c.clients,
      render: (c) => <Anchor href={drillHref(query, `cohort:${c.month}`)}>{format.number(c.clients)}</Anchor>,
    },
    ...Array.from({ length: COHORT_MONTHS - 1 }, (_, index): FigureColumn<RetentionCohort> => ({
      key: `k${String(index + 1)}`,
      header: t('insights.retention.monthAfter', { count: index + 1 }),
      kind: 'number',
      value: (c) => c.shares[index + 1] ?? null,
      render: (c) => {
        const share = c.shares[index + 1] ?? null;
        return share === null ? (
          ''
        ) : (
          <Text
            span
            inherit
            title={t('insights.retention.monthAfterLong', { count: index + 1 })}
            style={{ ...heatCellStyle(share, 1), display: 'block', padding: '2px 6px', borderRadius: 4 }}
          >
            {percent(share)}
          </Text>
        );
      },
    })),
  ];
  return (
    <Figure
      title={t('insights.retention.cohorts')}
      description={t('insights.retention.cohortsHint')}
      testId="retention-cohorts"
      empty={t('insights.retention.noCohorts')}
      table={{ name: t('insights.retention.cohorts'), columns, rows: data.cohorts, rowKey: (c) => c.month }}
    />
  );
}

/** "Keeping N % more clients": the profit it would have brought, live as N changes. */
function WhatIf({ data }: { data: RetentionReport }) {
  const { t } = useTranslation();
  const [keepMore, setKeepMore] = useState(5);
  const money = useMoney(data.scope.currency);
  const format = useFormat();
  const percent = usePercent();
  const outcome = retentionWhatIf(data.period, keepMore);
  const clients = format.decimal(outcome.extraClients);
  return (
    <Card withBorder component="section" aria-labelledby="retention-what-if" data-testid="retention-what-if">
      <Stack gap="sm">
        <Title order={4} id="retention-what-if">
          {t('insights.retention.whatIf')}
        </Title>
        <Group align="flex-end" gap="lg">
          <NumberInput
            label={t('insights.retention.keepMore')}
            w={240}
            min={0}
            max={100}
            step={1}
            value={keepMore}
            onChange={(value) => setKeepMore(typeof value === 'number' ? value : Number(value) || 0)}
          />
          <Slider
            flex={1}
            miw={200}
            min={0}
            max={50}
            step={1}
            value={Math.min(keepMore, 50)}
            onChange={setKeepMore}
            aria-label={t('insights.retention.keepMore')}
            marks={[0, 10, 20, 30, 40, 50].map((value) => ({ value, label: `${String(value)} %` }))}
            mb="md"
          />
        </Group>
        <Text size="sm" data-testid="what-if-result">
          {outcome.profitGained === null || data.period.profitPerRetained === null
            ? t('insights.retention.whatIfNone')
            : t('insights.retention.whatIfResult', {
                percent: percent(keepMore / 100),
                active: format.number(data.period.activeAtStart),
                clients,
                lost: format.number(data.period.lost),
                profit: money(outcome.profitGained),
                perClient: money(data.period.profitPerRetained),
              })}
        </Text>
      </Stack>
    </Card>
  );
}
