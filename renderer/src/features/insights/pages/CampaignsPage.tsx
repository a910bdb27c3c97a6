import { BarChart } from '@mantine/charts';
import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignResult } from '../../../../../shared/domain/analytics-money.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { KpiTile } from '../KpiTile.tsx';
import { drillHref } from '../insightsQuery.ts';
import { compactNumber, numberColumn } from '../columns.tsx';
import { useInsights } from '../useInsights.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { legendInSeriesOrder } from '../chartLegend.ts';

/** Campaigns: what each campaign overlapping the period brought back within the attribution window. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const { data, fallback, money, percent, format } = useInsightsReport('analytics.campaigns', state.query);
  if (!data) return fallback;
  const { campaigns, attributionDays } = data;
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
  const drilled = (set: string, key: 'members' | 'buyers' | 'acquired', header: string) =>
    ({
      ...numberColumn(key, header),
      render: (c: CampaignResult) => link(c, set, c[key]),
    }) satisfies FigureColumn<CampaignResult>;
  const column = {
    name: { key: 'name', header: t('insights.campaigns.name'), kind: 'text', value: (c) => c.name },
    starts: {
      key: 'starts',
      header: t('insights.campaigns.starts'),
      kind: 'day',
      value: (c) => c.startsOn,
      render: (c) => (c.startsOn ? format.day(c.startsOn) : '—'),
    },
    members: drilled('members', 'members', t('insights.campaigns.members')),
    responses: {
      ...numberColumn('responses', t('insights.campaigns.responses')),
      render: (c) => (
        <>
          {link(c, 'responders', c.responses)} ({percent(c.responseRate)})
        </>
      ),
    },
    buyers: drilled('buyers', 'buyers', t('insights.campaigns.buyers')),
    acquired: drilled('acquired', 'acquired', t('insights.campaigns.acquired')),
    dealsWon: numberColumn('dealsWon', t('insights.campaigns.dealsWon')),
    revenue: numberColumn('revenue', t('insights.campaigns.revenue'), money),
    profit: numberColumn('profit', t('insights.campaigns.profit'), money),
    cost: {
      key: 'cost',
      header: t('insights.campaigns.cost'),
      kind: 'number',
      value: (c) => (c.costComparable ? (c.cost?.amount ?? null) : null),
      render: costText,
    },
    roi: numberColumn('roi', t('insights.campaigns.roi'), percent),
    profitRoi: numberColumn('profitRoi', t('insights.campaigns.profitRoi'), percent),
    costPerAcquired: numberColumn('costPerAcquired', t('insights.campaigns.costPerAcquired'), money),
  } satisfies Record<string, FigureColumn<CampaignResult>>;
  const columns = Object.values(column);
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
          columns: [column.name, column.cost, column.roi, column.profitRoi],
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
            legendProps={legendInSeriesOrder}
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
          columns: [column.name, column.revenue, column.profit, column.cost],
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
            legendProps={legendInSeriesOrder}
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
