import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type ClientLifetime,
  HIGH_CHURN_RISK,
  MEDIUM_CHURN_RISK,
} from '../../../../shared/domain/analytics-lifetime.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';

/** Low, medium or high: the words and colour of a churn risk. */
export function churnLevel(risk: number): { level: 'low' | 'medium' | 'high'; color: string } {
  if (risk >= HIGH_CHURN_RISK) return { level: 'high', color: 'red' };
  if (risk >= MEDIUM_CHURN_RISK) return { level: 'medium', color: 'yellow' };
  return { level: 'low', color: 'teal' };
}

/**
 * The client's predicted value over the horizon and its churn risk as a badge, each with a tooltip
 * saying where it comes from (analytics.client: the stored model and this client's purchases).
 */
export function ClientLifetimeFacts({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lifetime = useApiQuery('analytics.client', { id: clientId });
  const data = lifetime.data;
  if (!data) return null;
  const money = (amount: number) =>
    data.currency ? format.money(amount, data.currency) : format.number(amount);
  return (
    <>
      <Stack gap={0} data-testid="client-predicted-value">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('client.lifetime.predicted')}
        </Text>
        {data.predictedValue === null ? (
          <Tooltip
            multiline
            w={300}
            label={t('client.lifetime.noModelHint', { currency: data.currency ?? '—' })}
          >
            <Text fw={500} c="dimmed">
              {data.churnRisk === null ? t('client.lifetime.noPurchases') : t('client.lifetime.noModel')}
            </Text>
          </Tooltip>
        ) : (
          <Tooltip
            multiline
            w={320}
            label={t('client.lifetime.predictedHint', {
              months: data.horizonMonths,
              expected: format.decimal(data.expectedPurchases ?? 0),
              rate: format.percent(data.annualDiscountRate),
              historic: money(data.historicValue),
            })}
          >
            <Text fw={500}>{money(data.predictedValue)}</Text>
          </Tooltip>
        )}
      </Stack>
      {data.churnRisk !== null && <ChurnBadge lifetime={data} risk={data.churnRisk} t={t} />}
    </>
  );
}

function ChurnBadge({ lifetime, risk, t }: { lifetime: ClientLifetime; risk: number; t: TFunction }) {
  const format = useFormat();
  const { level, color } = churnLevel(risk);
  const why = [
    lifetime.pAlive === null
      ? null
      : t('client.lifetime.whyAlive', {
          pAlive: format.percent(lifetime.pAlive),
          last: lifetime.lastPurchaseOn ? format.day(lifetime.lastPurchaseOn) : '—',
          purchases: lifetime.purchases,
        }),
    lifetime.churnReasons.includes('quiet') && lifetime.quietSince
      ? t('client.lifetime.whyQuiet', { since: format.date(lifetime.quietSince) })
      : null,
    lifetime.churnReasons.length === 0 ? t('client.lifetime.whyLow') : null,
  ].filter((line) => line !== null);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t('client.lifetime.churn')}
      </Text>
      <Tooltip multiline w={320} label={why.join(' ')}>
        <Badge
          color={color}
          variant="light"
          tabIndex={0}
          data-testid="client-churn-risk"
          aria-label={t('client.lifetime.riskLabel', {
            level: t(`client.lifetime.risk.${level}`),
            risk: format.percent(risk),
          })}
        >
          {t(`client.lifetime.risk.${level}`)} · {format.percent(risk)}
        </Badge>
      </Tooltip>
    </Stack>
  );
}
