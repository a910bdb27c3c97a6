import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientFigures } from '../../../../../shared/domain/analytics.ts';
import type { LifetimeReport } from '../../../../../shared/domain/analytics-lifetime.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { hrefOf } from '../../../router/router.ts';
import { churnLevel } from '../../client/ClientLifetimeFacts.tsx';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { clientColumn, compactNumber, numberColumn } from '../columns.tsx';
import { useInsights } from '../useInsights.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { legendInSeriesOrder } from '../chartLegend.ts';

type Bucket = LifetimeReport['distribution'][number];
type SegmentValue = LifetimeReport['bySegment'][number];

/** Lifetime value: what the scoped clients are predicted to bring, who is likely to leave, and how it is computed. */
export function LifetimePage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, money, percent, format } = useInsightsReport('analytics.lifetime', state.query);
  const top = useApiQuery('analytics.clients', { ...state.query, sort: 'predictedValue', limit: 20 });
  if (!data) return fallback;
  const query = state.query;
  if (data.model === null) return <NoModel report={data} />;
  const range = (bucket: Bucket) => `${money(bucket.from)} – ${money(bucket.to)}`;
  // The chart's axis has little room: 0–500K rather than the full amounts the table shows.
  const compact = compactNumber(format.language);
  const shortRange = (bucket: Bucket) => compact(bucket.from);
  const segmentLabel = (group: SegmentValue) => group.label ?? t('insights.lifetime.noSegment');
  const decimal = (value: number | null) => (value === null ? '—' : format.decimal(value, 2));
  const topColumns: FigureColumn<ClientFigures>[] = [
    clientColumn(t('insights.lifetime.client')),
    numberColumn('predictedValue', t('insights.lifetime.predicted'), money),
    numberColumn('pAlive', t('insights.lifetime.pAlive'), percent),
    numberColumn('expectedPurchases', t('insights.lifetime.expected'), decimal),
    numberColumn('historicValue', t('insights.lifetime.historic'), money),
    {
      key: 'churnRisk',
      header: t('insights.lifetime.churnRisk'),
      kind: 'number',
      value: (client) => client.churnRisk,
      render: (client) => {
        if (client.churnRisk === null) return '—';
        const { level, color } = churnLevel(client.churnRisk);
        return (
          <Group gap={6} wrap="nowrap" justify="flex-end">
            <Badge color={color} variant="light" tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
              {t(`client.lifetime.risk.${level}`)}
            </Badge>
            <Text size="sm">{percent(client.churnRisk)}</Text>
          </Group>
        );
      },
    },
  ];
  const { totals, model } = data;
  return (
    <Stack gap="md">
      {data.stale && <Text c="dimmed">{t('insights.lifetime.stale')}</Text>}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <KpiTile
          label={t('insights.lifetime.predicted')}
          value={money(totals.predictedValue)}
          hint={t('insights.lifetime.predictedHint', { months: data.horizonMonths })}
          testId="kpi-predicted"
        />
        <KpiTile
          label={t('insights.lifetime.average')}
          value={totals.averagePredictedValue === null ? '—' : money(totals.averagePredictedValue)}
          hint={t('insights.lifetime.averageHint', { count: totals.buyers })}
        />
        <KpiTile
          label={t('insights.lifetime.atRisk')}
          value={money(totals.valueAtRisk)}
          hint={t('insights.lifetime.atRiskHint', { count: totals.atRiskClients })}
          href={drillHref(query, 'atRisk')}
          testId="kpi-at-risk"
        />
        <KpiTile
          label={t('insights.lifetime.buyAgain')}
          value={totals.expectedToBuyAgain}
          hint={t('insights.lifetime.buyAgainHint')}
          href={drillHref(query, 'buyAgain')}
          testId="kpi-buy-again"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Figure
          title={t('insights.lifetime.distribution')}
          description={t('insights.lifetime.distributionHint')}
          testId="lifetime-distribution"
          empty={t('insights.lifetime.noBuyers')}
          table={{
            name: t('insights.lifetime.distribution'),
            columns: [
              { key: 'range', header: t('insights.lifetime.range'), kind: 'text', value: range },
              {
                key: 'clients',
                header: t('insights.lifetime.clients'),
                kind: 'number',
                value: (bucket) => bucket.clients,
                render: (bucket) => (
                  <Anchor
                    href={drillHref(query, `predictedValue:${String(bucket.from)}:${String(bucket.to)}`)}
                  >
                    {bucket.clients}
                  </Anchor>
                ),
              },
            ],
            rows: data.distribution,
            rowKey: (bucket) => String(bucket.from),
          }}
          chart={
            <BarChart
              h={260}
              data={data.distribution.map((bucket) => ({ ...bucket, range: shortRange(bucket) }))}
              dataKey="range"
              series={[{ name: 'clients', label: t('insights.lifetime.clients'), color: 'indigo.5' }]}
              // As many bucket labels as fit apart (each bar's own range is in its tooltip and the table):
              // every one of them ran into the next, "0500 тыс.".
              xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 16 }}
              yAxisProps={{ allowDecimals: false }}
            />
          }
        />
        <Figure
          title={t('insights.lifetime.bySegment')}
          testId="lifetime-by-segment"
          empty={t('insights.lifetime.noBuyers')}
          table={{
            name: t('insights.lifetime.bySegment'),
            columns: [
              { key: 'segment', header: t('insights.lifetime.segment'), kind: 'text', value: segmentLabel },
              {
                key: 'clients',
                header: t('insights.lifetime.clients'),
                kind: 'number',
                value: (group) => group.clients,
                render: (group) => (
                  <Anchor href={drillHref(query, `group:segment:${group.key ?? ''}`)}>{group.clients}</Anchor>
                ),
              },
              numberColumn<SegmentValue, 'predictedValue'>(
                'predictedValue',
                t('insights.lifetime.predicted'),
                money,
              ),
              numberColumn<SegmentValue, 'historicValue'>(
                'historicValue',
                t('insights.lifetime.historic'),
                money,
              ),
            ],
            rows: data.bySegment,
            rowKey: (group) => group.key ?? '∅',
          }}
          chart={
            <BarChart
              h={Math.max(220, Math.min(data.bySegment.length, 12) * 36)}
              data={data.bySegment.slice(0, 12).map((group) => ({ ...group, label: segmentLabel(group) }))}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 140 }}
              xAxisProps={{ tickFormatter: compact }}
              valueFormatter={money}
              withLegend
              legendProps={legendInSeriesOrder}
              series={[
                { name: 'predictedValue', label: t('insights.lifetime.predicted'), color: 'indigo.5' },
                { name: 'historicValue', label: t('insights.lifetime.historic'), color: 'teal.6' },
              ]}
            />
          }
        />
      </SimpleGrid>
      <Figure
        title={t('insights.lifetime.top')}
        description={t('insights.lifetime.topHint')}
        testId="lifetime-top"
        empty={t('insights.lifetime.noBuyers')}
        table={{
          name: t('insights.lifetime.top'),
          columns: topColumns,
          rows: (top.data?.items ?? []).filter((client) => client.churnRisk !== null),
          rowKey: (client) => client.clientId,
        }}
      />
      <Card withBorder component="section" aria-labelledby="lifetime-how" data-testid="lifetime-how">
        <Stack gap="xs">
          <Title order={4} id="lifetime-how">
            {t('insights.lifetime.how')}
          </Title>
          <Text size="sm">
            {t('insights.lifetime.howText', {
              currency: data.scope.currency ?? '—',
              months: data.horizonMonths,
              rate: percent(data.annualDiscountRate),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('insights.lifetime.fitted', {
              date: format.date(model.fittedAt),
              customers: model.bgnbd.customers,
              repeaters: model.gammaGamma.customers,
              until: format.day(model.until),
            })}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {t('insights.lifetime.parameters', {
              r: model.bgnbd.r.toPrecision(4),
              alpha: model.bgnbd.alpha.toPrecision(4),
              a: model.bgnbd.a.toPrecision(4),
              b: model.bgnbd.b.toPrecision(4),
              p: model.gammaGamma.p.toPrecision(4),
              q: model.gammaGamma.q.toPrecision(4),
              v: model.gammaGamma.v.toPrecision(4),
            })}
          </Text>
          <Anchor size="sm" href={hrefOf('settings')}>
            {t('insights.lifetime.settings')}
          </Anchor>
        </Stack>
      </Card>
    </Stack>
  );
}

/** No model for the scope's currency: what is needed before there can be one. */
function NoModel({ report }: { report: LifetimeReport }) {
  const { t } = useTranslation();
  const currency = report.scope.currency ?? '—';
  const reason = report.unfitted?.reason;
  return (
    <Alert
      variant="light"
      color="gray"
      title={t('insights.lifetime.noModel', { currency })}
      data-testid="lifetime-no-model"
    >
      <Stack gap="xs">
        {report.stale && report.unfitted === null ? (
          <Text size="sm">{t('insights.lifetime.fitting')}</Text>
        ) : null}
        {reason === 'no_repeat_purchases' || reason === 'spend_does_not_vary' ? (
          <Text size="sm">{t(`insights.lifetime.reason.${reason}`)}</Text>
        ) : report.unfitted ? (
          <Text size="sm">{t('insights.lifetime.reason.other', { message: report.unfitted.message })}</Text>
        ) : null}
        <Text size="sm">{t('insights.lifetime.noModelText')}</Text>
        <Anchor size="sm" href={hrefOf('settings')}>
          {t('insights.lifetime.settings')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
