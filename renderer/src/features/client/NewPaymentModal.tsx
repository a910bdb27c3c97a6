import { Group, Modal, NumberInput, Select, Stack } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { format as formatDay } from 'date-fns';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { offeredCurrencies } from './offeredCurrencies.ts';

const noErrors: FormErrors = { fields: {}, form: null };

/** Records an invoice, a payment or a refund of the client. */
export function NewPaymentModal({
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
              data={offeredCurrencies}
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
