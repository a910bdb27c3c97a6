import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { RecordTable } from './RecordTable.tsx';
import { RECORDS_LIMIT } from './recordsLimit.ts';

/** What competitors offered the client, at what price, when. */
export function ClientOffers({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useApiQuery('competitorOffers.list', { clientId, limit: RECORDS_LIMIT });
  return (
    <RecordTable
      label={t('client.tab.offers')}
      headers={[t('offers.competitor'), t('offers.offer'), t('offers.price'), t('offers.date')]}
      rows={offers.data?.items.map((offer) => [
        offer.competitor,
        offer.offer ?? '—',
        offer.price ? format.money(offer.price.amount, offer.price.currency) : '—',
        format.date(offer.offeredOn),
      ])}
      empty={t('offers.empty')}
      isError={offers.isError}
      onRetry={() => void offers.refetch()}
    />
  );
}
