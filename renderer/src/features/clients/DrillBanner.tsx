import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { IconChartHistogram } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AnalyticsDrill } from '../../../../shared/domain/analytics.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { moneyDrillWhat } from '../insights/moneyDrillWhat.ts';

/** Words for a drill-down set: `group:segment:retail` → "Segment: retail". */
export function drillWhat(t: TFunction, set: string): string {
  const [name = '', ...rest] = set.split(':');
  if (name === 'group') {
    const [dimension = '', ...value] = rest;
    return t('insights.drill.group', {
      dimension: t(`insights.dimension.${dimension}`, { defaultValue: dimension }),
      value: value.join(':') || t('insights.revenue.none'),
    });
  }
  const money = moneyDrillWhat(t, name, rest);
  if (money !== null) return money;
  const words: string = t(`insights.drill.${name}`, { value: rest.join(':'), defaultValue: '' });
  return words === '' ? t('insights.drill.other', { set }) : words;
}

/**
 * Says that the list shows the clients behind a number of Insights (which, over which days), with the
 * way back to Insights and to every client.
 */
export function DrillBanner({ drill, onClear }: { drill: AnalyticsDrill; onClear: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="grape" variant="light" icon={<IconChartHistogram size={18} />} data-testid="drill-banner">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {t('insights.drill.banner', {
            what: drillWhat(t, drill.set),
            from: format.day(drill.period.from),
            to: format.day(drill.period.to),
          })}
        </Text>
        <Group gap="sm">
          <Anchor size="sm" href={hrefOf('insights')}>
            {t('insights.drill.back')}
          </Anchor>
          <Button size="xs" variant="default" onClick={onClear}>
            {t('insights.drill.clear')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
