import { Button, Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { lifecycleStages } from '../../../../shared/entities/entities.ts';
import type { AnalyticsFilters } from '../../../../shared/domain/analytics.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { periodPresets } from './insightsQuery.ts';
import { useInsights } from './useInsights.ts';

const NO_OWNER = 'none';

/** The period and the filters of every Insights page, kept in the address so a view can be shared and reloaded. */
export function InsightsFilterBar() {
  const { t } = useTranslation();
  const { state, setPeriod, setFilters } = useInsights();
  const options = useApiQuery('analytics.options', {});
  const filters = state.query.filters;
  const set = (patch: Partial<AnalyticsFilters>) => {
    // A filter set to nothing is left out, so the address stays plain.
    const merged: Record<string, unknown> = { ...filters, ...patch };
    const next = Object.fromEntries(
      Object.entries(merged).filter(([, value]) => value !== undefined),
    ) as AnalyticsFilters;
    setFilters(next);
  };
  const textFilter = (
    key: 'segment' | 'industry' | 'region' | 'source',
    values: readonly string[] | undefined,
  ) => (
    <Select
      key={key}
      label={t(`client.field.${key}`)}
      placeholder={t('insights.filters.all')}
      clearable
      searchable
      w={150}
      data={values ?? []}
      value={filters[key] ?? null}
      onChange={(value) => set({ [key]: value ?? undefined })}
    />
  );
  const filtered = Object.keys(filters).length > 0;
  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={t('insights.filters.label')}>
      <Select
        label={t('insights.filters.period')}
        // Wide enough for the longest preset in every language ("Последние 12 месяцев").
        w={230}
        allowDeselect={false}
        data={periodPresets.map((preset) => ({ value: preset, label: t(`insights.period.${preset}`) }))}
        value={state.preset}
        onChange={(value) => {
          const preset = value ?? 'last12Months';
          setPeriod(preset, state.period);
        }}
      />
      {state.preset === 'custom' && (
        <DatePickerInput
          type="range"
          label={t('insights.filters.days')}
          w={240}
          allowSingleDateInRange
          value={[state.period.from, state.period.to]}
          valueFormat="DD MMM YYYY"
          onChange={([from, to]) => {
            // Mantine gives the picked days as YYYY-MM-DD text: kept as they are, whatever the time zone.
            if (from && to) setPeriod('custom', { from: from.slice(0, 10), to: to.slice(0, 10) });
          }}
        />
      )}
      <Select
        label={t('client.field.ownerId')}
        placeholder={t('insights.filters.all')}
        clearable
        searchable
        w={160}
        data={[
          { value: NO_OWNER, label: t('insights.filters.noOwner') },
          ...(options.data?.owners ?? []).map((owner) => ({ value: owner.id, label: owner.name })),
        ]}
        value={filters.ownerId === null ? NO_OWNER : (filters.ownerId ?? null)}
        onChange={(value) => set({ ownerId: value === null ? undefined : value === NO_OWNER ? null : value })}
      />
      {textFilter('segment', options.data?.segments)}
      {textFilter('industry', options.data?.industries)}
      {textFilter('region', options.data?.regions)}
      {textFilter('source', options.data?.sources)}
      <Select
        label={t('client.field.stage')}
        placeholder={t('insights.filters.all')}
        clearable
        w={130}
        data={lifecycleStages.map((stage) => ({ value: stage, label: t(`client.stage.${stage}`) }))}
        value={filters.stage ?? null}
        onChange={(value) => set({ stage: value ?? undefined })}
      />
      <Select
        label={t('insights.filters.currency')}
        placeholder={options.data?.currencies[0]?.currency ?? '—'}
        clearable
        w={110}
        data={(options.data?.currencies ?? []).map((row) => row.currency)}
        value={filters.currency ?? null}
        onChange={(value) => set({ currency: value ?? undefined })}
      />
      {filtered && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => setFilters({})}>
          {t('insights.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
