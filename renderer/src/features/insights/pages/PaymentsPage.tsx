import { BarChart } from '@mantine/charts';
import { Anchor, Badge, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  AgingRow,
  ClientPaymentDiscipline,
  SolvencyRating,
} from '../../../../../shared/domain/analytics-money.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { useFormat } from '../../../i18n/useFormat.ts';
import { hrefOf } from '../../../router/router.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { InsightsProblem } from '../InsightsProblem.tsx';
import { useInsights, useMoney, usePercent } from '../useInsights.ts';

/** Axis ticks of amounts, short: "1.5M", "1,5 млн". */
export function compactNumber(language: string): (value: number) => string {
  const compact = new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 });
  return (value) => compact.format(value);
}

/** The colour of a solvency rating. */
export const solvencyColors: Record<SolvencyRating, string> = { good: 'teal', watch: 'yellow', poor: 'red' };

/** Payment discipline: DSO, receivables aging, and who pays late. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const report = useApiQuery('analytics.payments', state.query);
  const money = useMoney(report.data?.scope.currency ?? null);
  const percent = usePercent();
  const format = useFormat();
  if (report.error) return <InsightsProblem error={report.error} />;
  if (!report.data) return <Skeleton h={400} />;
  const data = report.data;
  const query = state.query;
  const days = (value: number | null) =>
    value === null ? '—' : t('insights.payments.days', { value: format.number(value) });
  const bucketLabel = (row: AgingRow) => t(`insights.aging.${row.bucket}`);
  const agingColumns: FigureColumn<AgingRow>[] = [
    { key: 'bucket', header: t('insights.payments.bucket'), kind: 'text', value: bucketLabel },
    {
      key: 'amount',
      header: t('insights.payments.amount'),
      kind: 'number',
      value: (row) => row.amount,
      render: (row) => money(row.amount),
    },
    {
      key: 'invoices',
      header: t('insights.payments.invoices'),
      kind: 'number',
      value: (row) => row.invoices,
    },
    {
      key: 'clients',
      header: t('insights.payments.clients'),
      kind: 'number',
      value: (row) => row.clients,
      render: (row) =>
        row.clients > 0 ? <Anchor href={drillHref(query, `aging:${row.bucket}`)}>{row.clients}</Anchor> : 0,
    },
  ];
  const asOf = format.day(data.asOf);
  return (
    <Stack gap="md">
      {data.scope.currency === null && <Text c="dimmed">{t('insights.noPayments')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
        <KpiTile
          label={t('insights.payments.dso')}
          value={days(data.dso)}
          hint={t('insights.payments.dsoHint', { days: data.days })}
          testId="kpi-dso"
        />
        <KpiTile
          label={t('insights.payments.receivables')}
          value={money(data.receivables)}
          hint={t('insights.payments.asOf', { day: asOf })}
        />
        <KpiTile label={t('insights.payments.overdue')} value={money(data.overdue)} testId="kpi-overdue" />
        <KpiTile
          label={t('insights.payments.onTime')}
          value={percent(data.onTimeShare)}
          hint={t('insights.payments.onTimeHint', { count: data.invoices })}
        />
        <KpiTile label={t('insights.payments.daysLate')} value={days(data.averageDaysLate)} />
        <KpiTile
          label={t('insights.payments.latePayers')}
          value={data.latePayers}
          href={drillHref(query, 'latePayers')}
          testId="kpi-late-payers"
        />
      </SimpleGrid>
      <Figure
        title={t('insights.payments.aging')}
        description={t('insights.payments.agingHint', { day: asOf })}
        testId="payments-aging"
        empty={t('insights.payments.noReceivables')}
        table={{
          name: t('insights.payments.aging'),
          columns: agingColumns,
          rows: data.receivables > 0 ? data.aging : [],
          rowKey: (row) => row.bucket,
        }}
        chart={
          <BarChart
            h={260}
            data={data.aging.map((row) => ({ ...row, label: bucketLabel(row) }))}
            dataKey="label"
            valueFormatter={money}
            yAxisProps={{ width: 70, tickFormatter: compactNumber(format.language) }}
            series={[{ name: 'amount', label: t('insights.payments.amount'), color: 'orange.6' }]}
          />
        }
      />
      <Figure
        title={t('insights.payments.mostOverdue')}
        description={t('insights.payments.mostOverdueHint')}
        testId="payments-most-overdue"
        empty={t('insights.payments.noOverdue')}
        table={{
          name: t('insights.payments.mostOverdue'),
          columns: disciplineColumns(t, money, percent, days),
          rows: data.mostOverdue,
          rowKey: (row) => row.clientId,
        }}
      />
      <Figure
        title={t('insights.payments.latest')}
        description={t('insights.payments.latestHint')}
        testId="payments-latest"
        empty={t('insights.payments.noLate')}
        actions={
          data.latePayers > 0 ? (
            <Anchor size="sm" href={drillHref(query, 'latePayers')}>
              {t('insights.payments.openAll', { count: data.latePayers })}
            </Anchor>
          ) : undefined
        }
        table={{
          name: t('insights.payments.latest'),
          columns: disciplineColumns(t, money, percent, days),
          rows: data.latest,
          rowKey: (row) => row.clientId,
        }}
      />
    </Stack>
  );
}

/** The columns of a list of clients with what they owe and how late they pay. */
function disciplineColumns(
  t: TFunction,
  money: (amount: number) => string,
  percent: (share: number | null) => string,
  days: (value: number | null) => string,
): FigureColumn<ClientPaymentDiscipline>[] {
  return [
    {
      key: 'name',
      header: t('insights.payments.client'),
      kind: 'text',
      value: (row) => row.name,
      render: (row) => <Anchor href={hrefOf('client', row.clientId)}>{row.name}</Anchor>,
    },
    {
      key: 'overdue',
      header: t('insights.payments.overdue'),
      kind: 'number',
      value: (row) => row.overdue,
      render: (row) => money(row.overdue),
    },
    {
      key: 'notDue',
      header: t('insights.payments.notDue'),
      kind: 'number',
      value: (row) => row.notDue,
      render: (row) => money(row.notDue),
    },
    {
      key: 'oldest',
      header: t('insights.payments.oldest'),
      kind: 'number',
      value: (row) => row.oldestDaysPastDue,
    },
    {
      key: 'daysLate',
      header: t('insights.payments.daysLate'),
      kind: 'number',
      value: (row) => row.averageDaysLate,
      render: (row) => days(row.averageDaysLate),
    },
    {
      key: 'onTime',
      header: t('insights.payments.onTime'),
      kind: 'number',
      value: (row) => row.onTimeShare,
      render: (row) => percent(row.onTimeShare),
    },
    {
      key: 'rating',
      header: t('insights.payments.rating'),
      kind: 'text',
      value: (row) => (row.rating ? t(`insights.solvency.${row.rating}`) : ''),
      render: (row) =>
        row.rating ? (
          <Badge variant="light" color={solvencyColors[row.rating]} size="sm" tt="none">
            {t(`insights.solvency.${row.rating}`)}
          </Badge>
        ) : (
          '—'
        ),
    },
  ];
}
