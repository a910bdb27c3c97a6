import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { RecordTable } from './RecordTable.tsx';
import { RECORDS_LIMIT } from './recordsLimit.ts';

/** The client's service requests: status, priority, when opened. */
export function ClientRequests({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useApiQuery('serviceRequests.list', { clientId, limit: RECORDS_LIMIT });
  return (
    <RecordTable
      label={t('client.tab.requests')}
      headers={[t('requests.title'), t('requests.status'), t('requests.priority'), t('requests.opened')]}
      rows={requests.data?.items.map((request) => [
        request.title,
        <Badge key="s" variant="light">
          {t(`requests.statusValue.${request.status}`)}
        </Badge>,
        t(`requests.priorityValue.${request.priority}`),
        format.dateTime(request.openedAt),
      ])}
      empty={t('requests.empty')}
      isError={requests.isError}
      onRetry={() => void requests.refetch()}
    />
  );
}
