import { Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { offeredCurrencies } from './offeredCurrencies.ts';

const noErrors: FormErrors = { fields: {}, form: null };

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
              data={offeredCurrencies}
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
