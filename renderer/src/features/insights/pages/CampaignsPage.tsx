import { BarChart } from '@mantine/charts';
import { Anchor, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignResult } from '../../../../../shared/domain/analytics-money.ts';
import { useApiQuery } from '../../../api/useApiQuery.ts';
import { useFormat } from '../../../i18n/useFormat.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { InsightsProblem } from '../InsightsProblem.tsx';
import { useInsights, useMoney, usePercent } from '../useInsights.ts';
import { compactNumber } from './PaymentsPage.tsx';

/** Campaigns: what each campaign overlapping the period brought back within the attribution window. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const report = useApiQuery('analytics.campaigns', state.query);
  const money = useMoney(report.data?.scope.currency ?? null);
  const percent = usePercent();
  const format = useFormat();
  if (report.error) return <InsightsProblem error={report.error} />;
  if (!report.data) return <Skeleton h={400} />;
  const { campaigns, attributionDays } = report.data;
  const query = state.query;
  const link = (campaign: CampaignResult, set: string, count: number) =>
    count > 0 ? (
      <Anchor href={drillHref(query, `campaign:${campaign.campaignId}:${set}`)}>{count}</Anchor>
    ) : (
      0
    );
  const costText = (campaign: CampaignResult) =>
    campaign.cost === null
      ? '—'
      : campaign.costComparable
        ? money(campaign.cost.amount)
        : t('insights.campaigns.otherCurrency', {
            cost: format.money(campaign.cost.amount, campaign.cost.currency),
          });
  const columns: FigureColumn<CampaignResult>[] = [
    { key: 'name', header: t('insights.campaigns.name'), kind: 'text', value: (c) => c.name },
    {
      key: 'starts',
      header: t('insights.campaigns.starts'),
      kind: 'day',
      value: (c) => c.startsOn,
      render: (c) => (c.startsOn ? format.day(c.startsOn) : '—'),
    },
    {
      key: 'members',
      header: t('insights.campaigns.members'),
      kind: 'number',
      value: (c) => c.members,
      render: (c) => link(c, 'members', c.members),
    },
    {
      key: 'responses',
      header: t('insights.campaigns.responses'),
      kind: 'number',
      value: (c) => c.responses,
      render: (c) => (
        <>
          {link(c, 'responders', c.responses)} ({percent(c.responseRate)})
        </>
      ),
    },
    {
      key: 'buyers',
      header: t('insights.campaigns.buyers'),
      kind: 'number',
      value: (c) => c.buyers,
      render: (c) => link(c, 'buyers', c.buyers),
    },
    {
      key: 'acquired',
      header: t('insights.campaigns.acquired'),
      kind: 'number',
      value: (c) => c.acquired,
      render: (c) => link(c, 'acquired', c.acquired),
    },
    { key: 'dealsWon', header: t('insights.campaigns.dealsWon'), kind: 'number', value: (c) => c.dealsWon },
    {
      key: 'revenue',
      header: t('insights.campaigns.revenue'),
      kind: 'number',
      value: (c) => c.revenue,
      render: (c) => money(c.revenue),
    },
    {
      key: 'profit',
      header: t('insights.campaigns.profit'),
      kind: 'number',
      value: (c) => c.profit,
      render: (c) => money(c.profit),
    },
    {
      key: 'cost',
      header: t('insights.campaigns.cost'),
      kind: 'number',
      value: (c) => (c.costComparable ? (c.cost?.amount ?? null) : null),
      render: costText,
    },
    {
      key: 'roi',
      header: t('insights.campaigns.roi'),
      kind: 'number',
      value: (c) => c.roi,
      render: (c) => percent(c.roi),
    },
    {
      key: 'profitRoi',
      header: t('insights.campaigns.profitRoi'),
      kind: 'number',
      value: (c) => c.profitRoi,
      render: (c) => percent(c.profitRoi),
    },
    {
      key: 'costPerAcquired',
      header: t('insights.campaigns.costPerAcquired'),
      kind: 'number',
      value: (c) => c.costPerAcquired,
      render: (c) => (c.costPerAcquired === null ? '—' : money(c.costPerAcquired)),
    },
  ];
  const withRoi = campaigns.filter((c) => c.roi !== null);
  const members = campaigns.reduce((sum, c) => sum + c.members, 0);
  const revenue = campaigns.reduce((sum, c) => sum + c.revenue, 0);
  const cost = withRoi.reduce((sum, c) => sum + (c.cost?.amount ?? 0), 0);
  const revenueOfCosted = withRoi.reduce((sum, c) => sum + c.revenue, 0);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('insights.campaigns.window', { days: attributionDays })}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <KpiTile label={t('insights.campaigns.count')} value={campaigns.length} />
        <KpiTile label={t('insights.campaigns.members')} value={members} />
        <KpiTile label={t('insights.campaigns.revenue')} value={money(revenue)} />
        <KpiTile
          label={t('insights.campaigns.roi')}
          value={percent(cost > 0 ? (revenueOfCosted - cost) / cost : null)}
          hint={cost > 0 ? `${money(revenueOfCosted)} / ${money(cost)}` : undefined}
          testId="kpi-campaign-roi"
        />
      </SimpleGrid>
      <Figure
        title={t('insights.campaigns.roiTitle')}
        description={t('insights.campaigns.roiHint')}
        testId="campaigns-roi"
        empty={t('insights.campaigns.noRoi')}
        table={{
          name: t('insights.campaigns.roiTitle'),
          columns: [columns[0], columns[9], columns[10], columns[11]].filter((c) => c !== undefined),
          rows: withRoi,
          rowKey: (c) => c.campaignId,
        }}
        chart={
          <BarChart
            h={Math.max(200, withRoi.length * 44)}
            data={withRoi.map((c) => ({ name: c.name, roi: c.roi, profitRoi: c.profitRoi }))}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 160 }}
            valueFormatter={(value) => percent(value)}
            withLegend
            series={[
              { name: 'roi', label: t('insights.campaigns.roi'), color: 'blue.5' },
              { name: 'profitRoi', label: t('insights.campaigns.profitRoi'), color: 'teal.6' },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.campaigns.revenueVsCost')}
        testId="campaigns-revenue-cost"
        empty={t('insights.campaigns.noRoi')}
        table={{
          name: t('insights.campaigns.revenueVsCost'),
          columns: [columns[0], columns[7], columns[8], columns[9]].filter((c) => c !== undefined),
          rows: withRoi,
          rowKey: (c) => c.campaignId,
        }}
        chart={
          <BarChart
            h={260}
            data={withRoi.map((c) => ({ name: c.name, revenue: c.revenue, cost: c.cost?.amount ?? 0 }))}
            dataKey="name"
            valueFormatter={money}
            yAxisProps={{ width: 70, tickFormatter: compactNumber(format.language) }}
            withLegend
            series={[
              { name: 'revenue', label: t('insights.campaigns.revenue'), color: 'blue.5' },
              { name: 'cost', label: t('insights.campaigns.cost'), color: 'red.5' },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.campaigns.table')}
        testId="campaigns-table"
        empty={t('insights.campaigns.none')}
        table={{ name: t('insights.campaigns.table'), columns, rows: campaigns, rowKey: (c) => c.campaignId }}
      />
    </Stack>
  );
}
