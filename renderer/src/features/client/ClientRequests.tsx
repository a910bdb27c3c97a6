import { Badge, Rating } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServiceRequest } from '../../../../shared/domain/deal.ts';
import { useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { RecordTable } from './RecordTable.tsx';
import { RECORDS_LIMIT } from './recordsLimit.ts';

/** The client's service requests: status, priority, when opened, and the client's satisfaction. */
export function ClientRequests({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useApiQuery('serviceRequests.list', { clientId, limit: RECORDS_LIMIT });
  return (
    <RecordTable
      label={t('client.tab.requests')}
      headers={[
        t('requests.title'),
        t('requests.status'),
        t('requests.priority'),
        t('requests.opened'),
        t('requests.rating'),
      ]}
      rows={requests.data?.items.map((request) => [
        request.title,
        <Badge key="s" variant="light">
          {t(`requests.statusValue.${request.status}`)}
        </Badge>,
        t(`requests.priorityValue.${request.priority}`),
        format.dateTime(request.openedAt),
        <RequestRating key="r" request={request} />,
      ])}
      empty={t('requests.empty')}
      isError={requests.isError}
      onRetry={() => void requests.refetch()}
    />
  );
}

/** Stars the user clicks to record how satisfied the client was; a write like any other, with history. */
function RequestRating({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation();
  const rate = useApiMutation('serviceRequests.update');
  return (
    <Rating
      size="sm"
      name={`rating-${request.id}`}
      value={request.rating ?? 0}
      readOnly={rate.isPending}
      getSymbolLabel={(stars) => t('requests.ratingStars', { count: stars })}
      onChange={(rating) => rate.mutate({ id: request.id, rating })}
    />
  );
}
