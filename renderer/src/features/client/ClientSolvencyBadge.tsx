import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { solvencyColors } from '../insights/pages/PaymentsPage.tsx';

/**
 * How reliably a client pays, on its header: good, to watch or poor over the last 12 months, with the
 * share paid on time, the average days late and the solvency notes in the tooltip. Nothing while the
 * client has neither invoices nor notes.
 */
export function ClientSolvencyBadge({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const solvency = useApiQuery('analytics.clientPayments', { id: clientId });
  const data = solvency.data;
  if (!data || (data.rating === null && !data.solvencyNotes)) return null;
  const words = data.rating ? t(`insights.solvency.${data.rating}`) : t('insights.solvency.unknown');
  const tooltip = (
    <Stack gap={2} maw={320}>
      {data.rating !== null && (
        <Text size="xs">
          {t('insights.solvency.summary', {
            onTime: data.onTime,
            count: data.invoices,
            share: format.percent(data.onTimeShare),
            days: format.decimal(data.averageDaysLate ?? 0),
          })}
        </Text>
      )}
      {data.overdueInvoices > 0 && (
        <Text size="xs">{t('insights.solvency.overdue', { count: data.overdueInvoices })}</Text>
      )}
      {data.solvencyNotes && (
        <Text size="xs">{t('insights.solvency.notes', { notes: data.solvencyNotes })}</Text>
      )}
    </Stack>
  );
  return (
    <Tooltip label={tooltip} multiline withArrow>
      <Badge
        variant="light"
        color={data.rating ? solvencyColors[data.rating] : 'gray'}
        tt="none"
        tabIndex={0}
        aria-label={t('insights.solvency.label', { rating: words })}
        data-testid="solvency-badge"
      >
        {words}
      </Badge>
    </Tooltip>
  );
}
