import { BarChart } from '@mantine/charts';
import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServiceReport } from '../../../../../shared/domain/analytics-money.ts';
import { hrefOf } from '../../../router/router.ts';
import { Figure } from '../Figure.tsx';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { useInsights } from '../useInsights.ts';
import { legendInSeriesOrder } from '../chartLegend.ts';

type MonthRow = ServiceReport['byMonth'][number];
type TimeRow = ServiceReport['resolutionTimes'][number];
type PriorityRow = ServiceReport['openNow'][number];
type RequesterRow = ServiceReport['mostRequests'][number];
type RatingRow = ServiceReport['ratings'][number];

/** Service: requests opened, resolved and open now, how long they take, who asks most, how satisfied. */
export function ServicePage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, format } = useInsightsReport('analytics.service', state.query);
  if (!data) return fallback;
  const query = state.query;
  const duration = (hours: number | null) =>
    hours === null
      ? '—'
      : hours * 60 < 1
        ? t('insights.service.underMinute')
        : hours < 1
          ? t('insights.service.minutes', { value: format.number(Math.round(hours * 60)) })
          : hours < 48
            ? t('insights.service.hours', { value: format.decimal(hours) })
            : t('insights.service.daysValue', { value: format.decimal(hours / 24) });
  const monthLabel = format.shortMonth;
  const busy = data.byMonth.some((row) => row.opened > 0 || row.resolved > 0);
  const count = (key: string, header: string) => ({
    key,
    header,
    kind: 'number' as const,
    value: (row: { requests: number }) => row.requests,
  });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} spacing="sm">
        <KpiTile label={t('insights.service.opened')} value={data.opened} testId="kpi-opened" />
        <KpiTile label={t('insights.service.resolved')} value={data.resolved} />
        <KpiTile
          label={t('insights.service.openNow')}
          value={data.openNowTotal}
          href={data.openNowTotal > 0 ? drillHref(query, 'openRequests') : undefined}
          testId="kpi-open-now"
        />
        <KpiTile label={t('insights.service.median')} value={duration(data.medianResolutionHours)} />
        <KpiTile
          label={t('insights.service.perClient')}
          value={data.averagePerRequester === null ? '—' : format.decimal(data.averagePerRequester)}
          hint={t('insights.service.perClientHint', { count: data.requesters })}
          href={data.requesters > 0 ? drillHref(query, 'requesters') : undefined}
        />
        <KpiTile
          label={t('insights.service.satisfaction')}
          value={
            data.averageRating === null
              ? '—'
              : t('insights.service.ratingValue', { value: format.decimal(data.averageRating) })
          }
          hint={
            data.averageRating === null
              ? t('insights.service.noRatings')
              : t('insights.service.rated', { count: data.rated })
          }
          testId="kpi-satisfaction"
        />
      </SimpleGrid>
      <Figure<MonthRow>
        title={t('insights.service.byMonth')}
        testId="service-by-month"
        empty={t('insights.service.noRequests')}
        table={{
          name: t('insights.service.byMonth'),
          columns: [
            { key: 'month', header: t('insights.service.month'), kind: 'text', value: (row) => row.month },
            {
              key: 'opened',
              header: t('insights.service.opened'),
              kind: 'number',
              value: (row) => row.opened,
            },
            {
              key: 'resolved',
              header: t('insights.service.resolved'),
              kind: 'number',
              value: (row) => row.resolved,
            },
          ],
          rows: busy ? data.byMonth : [],
          rowKey: (row) => row.month,
        }}
        chart={
          <BarChart
            h={260}
            data={data.byMonth.map((row) => ({ ...row, label: monthLabel(row.month) }))}
            dataKey="label"
            withLegend
            legendProps={legendInSeriesOrder}
            yAxisProps={{ allowDecimals: false }}
            series={[
              { name: 'opened', label: t('insights.service.opened'), color: 'orange.5' },
              { name: 'resolved', label: t('insights.service.resolved'), color: 'teal.6' },
            ]}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Figure<TimeRow>
          title={t('insights.service.resolutionTimes')}
          description={t('insights.service.resolutionHint')}
          testId="service-resolution"
          empty={t('insights.service.noResolved')}
          table={{
            name: t('insights.service.resolutionTimes'),
            columns: [
              {
                key: 'bucket',
                header: t('insights.service.time'),
                kind: 'text',
                value: (row) => t(`insights.service.bucket.${row.bucket}`),
              },
              count('requests', t('insights.service.requests')),
            ],
            rows: data.resolved > 0 ? data.resolutionTimes : [],
            rowKey: (row) => row.bucket,
          }}
          chart={
            <BarChart
              h={240}
              data={data.resolutionTimes.map((row) => ({
                ...row,
                label: t(`insights.service.bucket.${row.bucket}`),
              }))}
              dataKey="label"
              yAxisProps={{ allowDecimals: false }}
              series={[{ name: 'requests', label: t('insights.service.requests'), color: 'blue.5' }]}
            />
          }
        />
        <Figure<PriorityRow>
          title={t('insights.service.openByPriority')}
          testId="service-open"
          empty={t('insights.service.noOpen')}
          table={{
            name: t('insights.service.openByPriority'),
            columns: [
              {
                key: 'priority',
                header: t('insights.service.priority'),
                kind: 'text',
                value: (row) => t(`requests.priorityValue.${row.priority}`),
              },
              {
                ...count('requests', t('insights.service.requests')),
                render: (row) =>
                  row.requests > 0 ? (
                    <Anchor href={drillHref(query, `openRequests:${row.priority}`)}>{row.requests}</Anchor>
                  ) : (
                    0
                  ),
              },
            ],
            rows: data.openNowTotal > 0 ? data.openNow : [],
            rowKey: (row) => row.priority,
          }}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Figure<RequesterRow>
          title={t('insights.service.mostRequests')}
          testId="service-most"
          empty={t('insights.service.noRequesters')}
          actions={
            data.mostRequests.length > 0 ? (
              <Anchor size="sm" href={drillHref(query, 'mostRequests')}>
                {t('insights.payments.openAll', { count: data.mostRequests.length })}
              </Anchor>
            ) : undefined
          }
          table={{
            name: t('insights.service.mostRequests'),
            columns: [
              {
                key: 'name',
                header: t('insights.payments.client'),
                kind: 'text',
                value: (row) => row.name,
                render: (row) => (
                  <Anchor href={hrefOf('client', row.clientId, 'requests')}>{row.name}</Anchor>
                ),
              },
              count('requests', t('insights.service.requests')),
              {
                key: 'open',
                header: t('insights.service.stillOpen'),
                kind: 'number',
                value: (row) => row.open,
              },
            ],
            rows: data.mostRequests,
            rowKey: (row) => row.clientId,
          }}
        />
        <Figure<RatingRow>
          title={t('insights.service.ratings')}
          description={t('insights.service.ratingsHint')}
          testId="service-ratings"
          empty={t('insights.service.noRatingsHint')}
          table={{
            name: t('insights.service.ratings'),
            columns: [
              {
                key: 'rating',
                header: t('insights.service.rating'),
                kind: 'number',
                value: (row) => row.rating,
                render: (row) => '★'.repeat(row.rating),
                align: 'left',
              },
              count('requests', t('insights.service.requests')),
            ],
            rows: data.ratings,
            rowKey: (row) => String(row.rating),
          }}
          chart={
            <BarChart
              h={200}
              data={data.ratings.map((row) => ({ ...row, label: String(row.rating) }))}
              dataKey="label"
              yAxisProps={{ allowDecimals: false }}
              series={[{ name: 'requests', label: t('insights.service.requests'), color: 'yellow.6' }]}
            />
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
