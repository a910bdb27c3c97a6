import { BarChart } from '@mantine/charts';
import { Anchor, Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  AgingRow,
  ClientPaymentDiscipline,
  SolvencyRating,
} from '../../../../../shared/domain/analytics-money.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { clientColumn, compactNumber, numberColumn } from '../columns.tsx';
import { useInsights } from '../useInsights.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';

/** The colour of a solvency rating. */
export const solvencyColors: Record<SolvencyRating, string> = { good: 'teal', watch: 'yellow', poor: 'red' };

/** Payment discipline: DSO, receivables aging, and who pays late. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, money, percent, format } = useInsightsReport('analytics.payments', state.query);
  if (!data) return fallback;
  const query = state.query;
  const days = (value: number | null) =>
    value === null ? '—' : t('insights.payments.days', { value: format.decimal(value) });
  const bucketLabel = (row: AgingRow) => t(`insights.aging.${row.bucket}`);
  const agingColumns: FigureColumn<AgingRow>[] = [
    { key: 'bucket', header: t('insights.payments.bucket'), kind: 'text', value: bucketLabel },
    numberColumn('amount', t('insights.payments.amount'), money),
    numberColumn('invoices', t('insights.payments.invoices')),
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
    clientColumn(t('insights.payments.client')),
    numberColumn('overdue', t('insights.payments.overdue'), money),
    numberColumn('notDue', t('insights.payments.notDue'), money),
    numberColumn('oldestDaysPastDue', t('insights.payments.oldest')),
    numberColumn('averageDaysLate', t('insights.payments.daysLate'), days),
    numberColumn('onTimeShare', t('insights.payments.onTime'), percent),
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
