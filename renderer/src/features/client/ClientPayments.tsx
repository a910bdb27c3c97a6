import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { RecordTable } from './RecordTable.tsx';
import { RECORDS_LIMIT } from './recordsLimit.ts';
import { NewPaymentModal } from './NewPaymentModal.tsx';

/** The client's invoices, payments and refunds; and a new one. */
export function ClientPayments({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const payments = useApiQuery('payments.list', { clientId, limit: RECORDS_LIMIT });
  return (
    <>
      <RecordTable
        label={t('client.tab.payments')}
        headers={[
          t('payments.kindLabel'),
          t('payments.amount'),
          t('payments.issued'),
          t('payments.due'),
          t('payments.paid'),
          t('payments.reference'),
        ]}
        rows={payments.data?.items.map((payment) => [
          t(`payments.kind.${payment.kind}`),
          format.money(payment.amount, payment.currency),
          format.date(payment.issuedOn),
          payment.dueOn ? format.date(payment.dueOn) : '—',
          payment.paidOn ? format.date(payment.paidOn) : '—',
          payment.reference ?? '—',
        ])}
        empty={t('payments.empty')}
        isError={payments.isError}
        onRetry={() => void payments.refetch()}
        action={
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('payments.new')}
          </Button>
        }
      />
      <NewPaymentModal clientId={clientId} opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
