import { Badge, Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { RecordTable } from './RecordTable.tsx';
import { RECORDS_LIMIT } from './recordsLimit.ts';
import { NewDealModal } from './NewDealModal.tsx';

/** The client's deals: stage, value, expected close; and a new one. */
export function ClientDeals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const deals = useApiQuery('deals.list', { clientId, limit: RECORDS_LIMIT });
  return (
    <>
      <RecordTable
        label={t('client.tab.deals')}
        headers={[t('deals.title'), t('deals.stageLabel'), t('deals.value'), t('deals.expectedClose')]}
        rows={deals.data?.items.map((deal) => [
          deal.title,
          <Badge key="s" variant="light">
            {t(`deals.stage.${deal.stage}`)}
          </Badge>,
          deal.value ? format.money(deal.value.amount, deal.value.currency) : '—',
          deal.expectedCloseOn ? format.date(deal.expectedCloseOn) : '—',
        ])}
        empty={t('deals.empty')}
        isError={deals.isError}
        onRetry={() => void deals.refetch()}
        action={
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('deals.new')}
          </Button>
        }
      />
      <NewDealModal clientId={clientId} opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
