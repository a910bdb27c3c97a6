import { Group, NumberInput, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { format as formatDay } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { paymentKinds } from '../../../../shared/domain/deal.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useApiForm } from '../../components/useApiForm.ts';
import { offeredCurrencies } from './offeredCurrencies.ts';

type PaymentDraft = {
  kind: (typeof paymentKinds)[number];
  /** Empty until typed. */
  amount: number | string;
  cost: number | string;
  currency: string;
  issuedOn: string | null;
};

/** Payments first: they are what is recorded most. */
const paymentKindsOffered = [
  'payment',
  'invoice',
  'refund',
] as const satisfies readonly PaymentDraft['kind'][];

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
  const draft: PaymentDraft = {
    kind: 'payment',
    amount: '',
    cost: '',
    currency: 'KZT',
    issuedOn: formatDay(new Date(), 'yyyy-MM-dd'),
  };
  const { form, formError, saving, submit, close } = useApiForm('payments.record', {
    initialValues: draft,
    toInput: ({ kind, amount, cost, currency, issuedOn }) => ({
      clientId,
      kind,
      amount: Number(amount),
      cost: cost === '' ? null : Number(cost),
      currency,
      ...(issuedOn ? { issuedOn } : {}),
      // A payment is paid the day it is recorded; an invoice waits for its payment.
      ...(kind === 'payment' && issuedOn ? { paidOn: issuedOn } : {}),
    }),
    // An empty amount would read as 0, which the schema accepts: the form asks for one.
    check: ({ amount }) => ({ amount: amount === '' ? t('validation.required') : undefined }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payments.recorded') });
    },
    onClose,
  });
  return (
    <FormModal
      opened={opened}
      title={t('payments.new')}
      onClose={close}
      onSubmit={submit}
      error={formError}
      saving={saving}
    >
      <Select
        label={t('payments.kindLabel')}
        data={paymentKindsOffered.map((value) => ({
          value,
          label: t(`payments.kind.${value}`),
        }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <Group grow>
        <NumberInput data-autofocus label={t('payments.amount')} min={0} {...form.getInputProps('amount')} />
        <Select
          label={t('payments.currency')}
          data={offeredCurrencies}
          allowDeselect={false}
          {...form.getInputProps('currency')}
        />
      </Group>
      <NumberInput label={t('payments.cost')} min={0} {...form.getInputProps('cost')} />
      <DatePickerInput label={t('payments.issued')} {...form.getInputProps('issuedOn')} />
    </FormModal>
  );
}
