import { BarChart } from '@mantine/charts';
import { Anchor, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamDimension, TeamMeasure, TeamRow } from '../../../../../shared/domain/analytics-sales.ts';
import { Figure } from '../Figure.tsx';
import type { FigureColumn } from '../FigureTable.ts';
import { numberColumn } from '../columns.tsx';
import { drillHref } from '../insightsQuery.ts';
import { useInsights } from '../useInsights.ts';
import { useInsightsReport } from '../useInsightsReport.tsx';
import { legendInSeriesOrder } from '../chartLegend.ts';

/** Team and regions: each owner's or region's calls, follow-ups, clients gained, kept and lost, revenue and wins. */
export function TeamPage() {
  const { t } = useTranslation();
  const { state } = useInsights();
  const [by, setBy] = useState<TeamDimension>('owner');
  const { data, fallback, money, percent, format } = useInsightsReport('analytics.team', {
    ...state.query,
    by,
  });
  if (!data) return fallback;
  const { rows, previous } = data;
  const query = state.query;
  const label = (row: TeamRow) =>
    row.label ??
    (row.key === null ? t(by === 'owner' ? 'insights.team.noOwner' : 'insights.team.noRegion') : '—');
  const drilled = (measure: TeamMeasure, key: 'gained' | 'kept' | 'lost' | 'dealsWon', header: string) =>
    ({
      key,
      header,
      kind: 'number',
      value: (row) => row[key],
      render: (row) => (
        <Anchor href={drillHref(query, `team:${by}:${measure}:${row.key ?? ''}`)}>{row[key]}</Anchor>
      ),
    }) satisfies FigureColumn<TeamRow>;
  const nameColumn: FigureColumn<TeamRow> = {
    key: 'name',
    header: t(by === 'owner' ? 'insights.team.owner' : 'insights.team.region'),
    kind: 'text',
    value: label,
  };
  const activityColumns: FigureColumn<TeamRow>[] = [
    nameColumn,
    numberColumn('calls', t('insights.team.calls')),
    numberColumn('meetings', t('insights.team.meetings')),
    numberColumn('followupsOnTime', t('insights.team.onTime')),
    numberColumn('followupsOverdue', t('insights.team.overdue')),
  ];
  const resultColumns: FigureColumn<TeamRow>[] = [
    nameColumn,
    drilled('gained', 'gained', t('insights.team.gained')),
    drilled('kept', 'kept', t('insights.team.kept')),
    drilled('lost', 'lost', t('insights.team.lost')),
    numberColumn('revenue', t('insights.revenue.revenue'), money),
    numberColumn('profit', t('insights.revenue.profit'), money),
    drilled('won', 'dealsWon', t('insights.team.won')),
    numberColumn('dealsLost', t('insights.team.dealsLost')),
    numberColumn('winRate', t('insights.team.winRate'), percent),
  ];
  const chartRows = rows.slice(0, 12).map((row) => ({ ...row, name: label(row) }));
  const switcher = (
    <SegmentedControl
      size="xs"
      aria-label={t('insights.team.by')}
      value={by}
      onChange={(value) => setBy(value)}
      data={[
        { value: 'owner', label: t('insights.team.byOwner') },
        { value: 'region', label: t('insights.team.byRegion') },
      ]}
    />
  );
  return (
    <Stack gap="md">
      <Figure
        title={t('insights.team.activity')}
        description={t(by === 'owner' ? 'insights.team.hintOwner' : 'insights.team.hintRegion')}
        testId="team-activity"
        actions={switcher}
        empty={t('insights.team.empty')}
        table={{
          name: `${t('insights.team.activity')} - ${t(by === 'owner' ? 'insights.team.owner' : 'insights.team.region')}`,
          columns: activityColumns,
          rows,
          rowKey: (row) => row.key ?? '∅',
        }}
        chart={
          <BarChart
            h={280}
            data={chartRows}
            dataKey="name"
            yAxisProps={{ allowDecimals: false }}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'calls', label: t('insights.team.calls'), color: 'blue.5' },
              { name: 'meetings', label: t('insights.team.meetings'), color: 'cyan.6' },
              { name: 'followupsOnTime', label: t('insights.team.onTime'), color: 'teal.6' },
              { name: 'followupsOverdue', label: t('insights.team.overdue'), color: 'red.6' },
            ]}
          />
        }
      />
      <Figure
        title={t('insights.team.clients')}
        description={t('insights.team.keptHint', {
          from: format.day(previous.from),
          to: format.day(previous.to),
        })}
        testId="team-results"
        empty={t('insights.team.empty')}
        table={{
          name: `${t('insights.team.clients')} - ${t(by === 'owner' ? 'insights.team.owner' : 'insights.team.region')}`,
          columns: resultColumns,
          rows,
          rowKey: (row) => row.key ?? '∅',
        }}
        chart={
          <BarChart
            h={280}
            data={chartRows}
            dataKey="name"
            yAxisProps={{ allowDecimals: false }}
            withLegend
            legendProps={legendInSeriesOrder}
            series={[
              { name: 'gained', label: t('insights.team.gained'), color: 'blue.5' },
              { name: 'kept', label: t('insights.team.kept'), color: 'teal.6' },
              { name: 'lost', label: t('insights.team.lost'), color: 'red.6' },
            ]}
          />
        }
      />
    </Stack>
  );
}
