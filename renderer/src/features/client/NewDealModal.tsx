import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { useApiForm } from '../../components/useApiForm.ts';
import { offeredCurrencies } from './offeredCurrencies.ts';

type DealDraft = {
  title: string;
  /** Empty while the value is not known. */
  amount: number | string;
  currency: string;
};

/** A new deal for the client: a title and, if known, its value. */
export function NewDealModal({
  clientId,
  opened,
  onClose,
}: {
  clientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const draft: DealDraft = { title: '', amount: '', currency: 'KZT' };
  const { form, formError, saving, submit, close } = useApiForm('deals.create', {
    initialValues: draft,
    toInput: ({ title, amount, currency }) => ({
      clientId,
      title: title.trim(),
      value: amount === '' ? null : { amount: Number(amount), currency },
    }),
    fieldOf: { value: 'amount', 'value.amount': 'amount', 'value.currency': 'currency' },
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('deals.created') });
    },
    onClose,
  });
  return (
    <FormModal
      opened={opened}
      title={t('deals.new')}
      onClose={close}
      onSubmit={submit}
      error={formError}
      saving={saving}
    >
      <TextInput data-autofocus required label={t('deals.title')} {...form.getInputProps('title')} />
      <Group grow>
        <NumberInput label={t('deals.value')} min={0} {...form.getInputProps('amount')} />
        <Select
          label={t('payments.currency')}
          data={offeredCurrencies}
          allowDeselect={false}
          {...form.getInputProps('currency')}
        />
      </Group>
    </FormModal>
  );
}
