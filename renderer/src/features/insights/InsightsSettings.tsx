import { Button, Card, Group, NumberInput, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsSettings } from '../../../../shared/domain/analytics.ts';
import { useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';

/** A few currencies offered even before anyone has paid in them. */
const COMMON_CURRENCIES = ['KZT', 'RUB', 'USD', 'EUR', 'UZS', 'KGS', 'CNY', 'TRY', 'GBP'];

/** Settings → Insights: the costs behind "cost to serve" and how lifetime values are counted. */
export function InsightsSettings() {
  const saved = useApiQuery('analytics.settings', {});
  if (!saved.data) return null;
  return <SettingsForm saved={saved.data} />;
}

/** The form, started from the saved settings. */
function SettingsForm({ saved }: { saved: AnalyticsSettings }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const options = useApiQuery('analytics.options', {});
  const save = useApiMutation('analytics.updateSettings');
  const [draft, setDraft] = useState<AnalyticsSettings>(saved);
  const currencies = [
    ...new Set([...(options.data?.currencies ?? []).map((row) => row.currency), ...COMMON_CURRENCIES]),
  ];
  const set = (patch: Partial<AnalyticsSettings>) => setDraft({ ...draft, ...patch });
  const number = (value: string | number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const problem = save.error ? errorText(save.error) : null;
  return (
    <Card withBorder id="insights-settings">
      <Title order={4} mb={4}>
        {t('insights.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('insights.settings.hint')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft, {
            onSuccess: (next) => {
              setDraft(next);
              notifications.show({ color: 'teal', message: t('insights.settings.saved') });
            },
          });
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('insights.settings.costCurrency')}
            description={t('insights.settings.costCurrencyHint')}
            data={currencies}
            searchable
            clearable
            value={draft.costCurrency}
            onChange={(value) => set({ costCurrency: value })}
          />
          <NumberInput
            label={t('insights.settings.hourlyCost')}
            description={t('insights.settings.hourlyCostHint')}
            min={0}
            max={1e9}
            thousandSeparator=" "
            value={draft.hourlyCost}
            onChange={(value) => set({ hourlyCost: number(value, 0) })}
            error={problem?.fields.hourlyCost}
          />
          <NumberInput
            label={t('insights.settings.serviceRequestCost')}
            min={0}
            max={1e9}
            thousandSeparator=" "
            value={draft.serviceRequestCost}
            onChange={(value) => set({ serviceRequestCost: number(value, 0) })}
            error={problem?.fields.serviceRequestCost}
          />
          <NumberInput
            label={t('insights.settings.discountRate')}
            min={0}
            max={100}
            decimalScale={2}
            value={Math.round(draft.annualDiscountRate * 10_000) / 100}
            onChange={(value) => set({ annualDiscountRate: number(value, 0) / 100 })}
            error={problem?.fields.annualDiscountRate}
          />
          <NumberInput
            label={t('insights.settings.horizonMonths')}
            min={1}
            max={120}
            allowDecimal={false}
            value={draft.horizonMonths}
            onChange={(value) => set({ horizonMonths: number(value, 12) })}
            error={problem?.fields.horizonMonths}
          />
          <NumberInput
            label={t('insights.settings.attributionDays')}
            min={1}
            max={730}
            allowDecimal={false}
            value={draft.attributionDays}
            onChange={(value) => set({ attributionDays: number(value, 90) })}
            error={problem?.fields.attributionDays}
          />
        </SimpleGrid>
        {problem?.form && (
          <Text c="red" size="sm" mt="sm">
            {problem.form}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
