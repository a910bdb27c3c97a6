import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { format as formatDay } from 'date-fns';
import { type ReactNode, type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../app/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { EmptyHint, LoadError } from '../../app/Feedback.tsx';

const LIMIT = 200;

function RecordTable({
  label,
  headers,
  rows,
  empty,
  isError,
  onRetry,
  action,
}: {
  label: string;
  headers: string[];
  rows: ReactNode[][] | undefined;
  empty: string;
  isError: boolean;
  onRetry: () => void;
  action?: ReactNode;
}) {
  return (
    <Stack gap="sm">
      {action && <Group justify="flex-end">{action}</Group>}
      {isError && <LoadError onRetry={onRetry} />}
      {rows?.length === 0 && <EmptyHint text={empty} />}
      {rows && rows.length > 0 && (
        <Table striped highlightOnHover aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((cells, i) => (
              <Table.Tr key={i}>
                {cells.map((cell, j) => (
                  <Table.Td key={j}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function ClientDeals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const deals = useApiQuery('deals.list', { clientId, limit: LIMIT });
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

export function ClientPayments({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const payments = useApiQuery('payments.list', { clientId, limit: LIMIT });
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

export function ClientOffers({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useApiQuery('competitorOffers.list', { clientId, limit: LIMIT });
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

export function ClientRequests({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useApiQuery('serviceRequests.list', { clientId, limit: LIMIT });
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

const currencies = ['KZT', 'RUB', 'USD', 'EUR'];
const noErrors: FormErrors = { fields: {}, form: null };

function NewDealModal({
  clientId,
  opened,
  onClose,
}: {
  clientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [currency, setCurrency] = useState('KZT');
  const [errors, setErrors] = useState(noErrors);
  const close = () => {
    setTitle('');
    setAmount('');
    setErrors(noErrors);
    onClose();
  };
  const create = useMutation({
    mutationFn: () =>
      api.call('deals.create', {
        clientId,
        title: title.trim(),
        value: amount === '' ? null : { amount: Number(amount), currency },
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('deals.created') });
      close();
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ fields: { title: t('validation.required') }, form: null });
      return;
    }
    create.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('deals.new')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            data-autofocus
            required
            label={t('deals.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.fields.title}
          />
          <Group grow>
            <NumberInput
              label={t('deals.value')}
              value={amount}
              onChange={setAmount}
              min={0}
              error={errors.fields['value.amount'] ?? errors.fields.value}
            />
            <Select
              label={t('payments.currency')}
              data={currencies}
              value={currency}
              onChange={(v) => setCurrency(v ?? 'KZT')}
              allowDeselect={false}
            />
          </Group>
          <FormFooter error={errors.form} onCancel={close} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

function NewPaymentModal({
  clientId,
  opened,
  onClose,
}: {
  clientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [kind, setKind] = useState<'invoice' | 'payment' | 'refund'>('payment');
  const [amount, setAmount] = useState<number | string>('');
  const [cost, setCost] = useState<number | string>('');
  const [currency, setCurrency] = useState('KZT');
  const [issuedOn, setIssuedOn] = useState<string | null>(formatDay(new Date(), 'yyyy-MM-dd'));
  const [errors, setErrors] = useState(noErrors);
  const close = () => {
    setAmount('');
    setCost('');
    setErrors(noErrors);
    onClose();
  };
  const record = useMutation({
    mutationFn: () =>
      api.call('payments.record', {
        clientId,
        kind,
        amount: Number(amount),
        cost: cost === '' ? null : Number(cost),
        currency,
        ...(issuedOn ? { issuedOn } : {}),
        ...(kind === 'payment' && issuedOn ? { paidOn: issuedOn } : {}),
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payments.recorded') });
      close();
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (amount === '') {
      setErrors({ fields: { amount: t('validation.required') }, form: null });
      return;
    }
    record.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('payments.new')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('payments.kindLabel')}
            data={(['payment', 'invoice', 'refund'] as const).map((value) => ({
              value,
              label: t(`payments.kind.${value}`),
            }))}
            value={kind}
            onChange={(v) => setKind(v === 'invoice' || v === 'refund' ? v : 'payment')}
            allowDeselect={false}
          />
          <Group grow>
            <NumberInput
              data-autofocus
              label={t('payments.amount')}
              value={amount}
              onChange={setAmount}
              min={0}
              error={errors.fields.amount}
            />
            <Select
              label={t('payments.currency')}
              data={currencies}
              value={currency}
              onChange={(v) => setCurrency(v ?? 'KZT')}
              allowDeselect={false}
            />
          </Group>
          <NumberInput
            label={t('payments.cost')}
            value={cost}
            onChange={setCost}
            min={0}
            error={errors.fields.cost}
          />
          <DatePickerInput
            label={t('payments.issued')}
            value={issuedOn}
            onChange={setIssuedOn}
            error={errors.fields.issuedOn}
          />
          <FormFooter error={errors.form} onCancel={close} saving={record.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
