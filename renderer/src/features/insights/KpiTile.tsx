import { Anchor, Card, Group, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePercent } from './useInsights.ts';

/**
 * A key number at a glance: its value, how it moved against the period before (when known) and a link
 * to the page or the clients behind it.
 */
export function KpiTile({
  label,
  value,
  change,
  goodWhenUp = true,
  href,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  /** The change against the period before, as a share (0.12 = +12 %); `null` when there was nothing before. */
  change?: number | null;
  goodWhenUp?: boolean;
  href?: string;
  hint?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const percent = usePercent();
  const up = change !== undefined && change !== null && change > 0;
  const down = change !== undefined && change !== null && change < 0;
  const good = (up && goodWhenUp) || (down && !goodWhenUp);
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group gap={6} align="baseline" wrap="nowrap">
        {href ? (
          <Anchor href={href} fz="xl" fw={700} underline="hover" c="inherit">
            {value}
          </Anchor>
        ) : (
          <Text fz="xl" fw={700}>
            {value}
          </Text>
        )}
        {(up || down) && (
          <Text
            size="sm"
            c={good ? 'teal' : 'red'}
            aria-label={t('insights.kpi.change', { change: percent(change) })}
          >
            {up ? <IconArrowUpRight size={14} /> : <IconArrowDownRight size={14} />}
            {percent(Math.abs(change))}
          </Text>
        )}
      </Group>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}
