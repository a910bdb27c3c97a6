import { BarChart } from '@mantine/charts';
import { SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardReport } from '../../../../../shared/domain/analytics.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { useFormat } from '../../../i18n/useFormat.ts';
import { compactNumber } from '../columns.tsx';
import { Figure } from '../Figure.tsx';
import { InsightsProblem } from '../InsightsProblem.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights, useMoney } from '../useInsights.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';

type Month = DashboardReport['months'][number];

/** The change from `previous` to `current` as a share; `null` when there was nothing before. */
function change(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / Math.abs(previous);
}

/** The first page of Insights: the key numbers at a glance, each a link to its page. */
export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, hrefOf } = useInsights();
  const answer = useApiQuery('analytics.dashboard', state.query);
  const money = useMoney(answer.data?.scope.currency ?? null);
  if (answer.error) return <InsightsProblem error={answer.error} />;
  if (!answer.data) return <Skeleton h={400} />;
  const report = answer.data;
  const monthLabel = format.month;
  const against = t('insights.dashboard.against', {
    from: format.day(report.previous.from),
    to: format.day(report.previous.to),
  });
  return (
    <Stack gap="md">
      {report.scope.currency === null && <Text c="dimmed">{t('insights.noPayments')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <KpiTile
          label={t('insights.revenue.revenue')}
          value={money(report.revenue.current)}
          change={change(report.revenue.current, report.revenue.previous)}
          hint={against}
          href={hrefOf('revenue')}
          testId="kpi-revenue"
        />
        <KpiTile
          label={t('insights.revenue.profit')}
          value={money(report.profit.current)}
          change={change(report.profit.current, report.profit.previous)}
          hint={against}
          href={hrefOf('revenue')}
          testId="kpi-profit"
        />
        <KpiTile
          label={t('insights.dashboard.paying')}
          value={format.number(report.payingClients.current)}
          change={change(report.payingClients.current, report.payingClients.previous)}
          hint={t('insights.dashboard.payingBefore', { count: report.payingClients.previous })}
          href={drillHref(state.query, 'paying')}
          testId="kpi-paying"
        />
        <KpiTile
          label={t('insights.revenue.unprofitable')}
          value={format.number(report.unprofitable.clients)}
          // The loss is the sum of negative profits; the sentence already says it is lost.
          hint={t('insights.dashboard.loss', { amount: money(Math.abs(report.unprofitable.loss)) })}
          href={drillHref(state.query, 'unprofitable')}
          testId="kpi-unprofitable"
        />
        <KpiTile
          label={t('insights.dashboard.retention')}
          value={format.percent(report.retention.rate)}
          hint={t('insights.dashboard.retentionHint', {
            lost: report.retention.lost,
            active: report.retention.activeAtStart,
          })}
          href={hrefOf('retention')}
          testId="kpi-retention"
        />
        <KpiTile
          label={t('insights.dashboard.valueAtRisk')}
          value={report.valueAtRisk.modelled ? money(report.valueAtRisk.amount) : '—'}
          goodWhenUp={false}
          hint={
            report.valueAtRisk.modelled
              ? t('insights.dashboard.valueAtRiskHint', { count: report.valueAtRisk.clients })
              : t('insights.dashboard.valueAtRiskUnfitted')
          }
          href={hrefOf('lifetime')}
          testId="kpi-value-at-risk"
        />
        <KpiTile
          label={t('insights.dashboard.pipeline')}
          value={money(report.openPipeline.weighted)}
          hint={t('insights.dashboard.pipelineHint', {
            deals: report.openPipeline.deals,
            value: money(report.openPipeline.value),
          })}
          href={hrefOf('sales')}
          testId="kpi-pipeline"
        />
        <KpiTile
          label={t('insights.dashboard.overdue')}
          value={money(report.overdueReceivables.amount)}
          goodWhenUp={false}
          hint={t('insights.dashboard.overdueHint', {
            invoices: report.overdueReceivables.invoices,
            clients: report.overdueReceivables.clients,
          })}
          href={hrefOf('payments')}
          testId="kpi-overdue"
        />
      </SimpleGrid>
      <Figure<Month>
        title={t('insights.dashboard.byMonth')}
        empty={t('insights.revenue.noPaying')}
        testId="dashboard-months"
        table={{
          name: t('insights.dashboard.byMonth'),
          columns: [
            {
              key: 'month',
              header: t('insights.dashboard.month'),
              kind: 'text',
              value: (row) => row.month,
              render: (row) => monthLabel(row.month),
            },
            {
              key: 'revenue',
              header: t('insights.revenue.revenue'),
              kind: 'number',
              value: (row) => row.revenue,
              render: (row) => money(row.revenue),
            },
            {
              key: 'profit',
              header: t('insights.revenue.profit'),
              kind: 'number',
              value: (row) => row.profit,
              render: (row) => money(row.profit),
            },
          ],
          rows: report.months.some((row) => row.revenue !== 0 || row.profit !== 0) ? report.months : [],
          rowKey: (row) => row.month,
        }}
        chart={
          <BarChart
            h={260}
            // Short months ("июль 26", "сент. 26") so all thirteen fit: with "июль 2026" recharts left
            // some out, and a month without a label read as a gap. The table names each month in full.
            data={report.months.map((row) => ({ ...row, label: format.shortMonth(row.month) }))}
            dataKey="label"
            valueFormatter={money}
            yAxisProps={{ width: 70, tickFormatter: compactNumber(format.language) }}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'revenue', label: t('insights.revenue.revenue'), color: 'blue.5' },
              { name: 'profit', label: t('insights.revenue.profit'), color: 'teal.6' },
            ]}
          />
        }
      />
    </Stack>
  );
}
