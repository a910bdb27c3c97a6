import { Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { createStore } from '../../components/createStore.ts';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { nextStepDue } from '../followups/presets.ts';
import { ClientPicker } from '../clients/ClientPicker.tsx';

const store = createStore<{ open: boolean; clientId: string | null; opened: number }>({
  open: false,
  clientId: null,
  opened: 0,
});

/** Opens the new follow-up form from anywhere; without a client, the form asks for one. */
export function openNewFollowup(clientId: string | null): void {
  store.set({ open: true, clientId, opened: store.get().opened + 1 });
}

/** A new follow-up: for which client, what to do and when; tomorrow morning unless said otherwise. */
export function NewFollowupModal() {
  const { t } = useTranslation();
  const current = store.use();
  const close = () => store.set({ ...store.get(), open: false });
  return (
    <Modal opened={current.open} onClose={close} title={t('followups.new')} centered>
      {current.open && <FollowupForm key={current.opened} clientId={current.clientId} onClose={close} />}
    </Modal>
  );
}

function FollowupForm({
  clientId: initialClient,
  onClose,
}: {
  clientId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const errorText = useErrorText();
  const [clientId, setClientId] = useState<string | null>(initialClient);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<string | null>(() => nextStepDue('tomorrow', new Date()).toISOString());
  const [priority, setPriority] = useState<'low' | 'normal' | 'high'>('normal');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const create = useMutation({
    mutationFn: () =>
      api.call('followups.create', {
        clientId: clientId ?? '',
        title: title.trim(),
        dueAt: new Date(due ?? '').toISOString(),
        priority,
      }),
    onSuccess: (followup) => {
      notifications.show({
        color: 'teal',
        message: t('followups.created', { title: followup.title, due: format.dateTime(followup.dueAt) }),
      });
      onClose();
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ fields: { title: t('validation.required') }, form: null });
      return;
    }
    if (!due) {
      setErrors({ fields: { dueAt: t('validation.required') }, form: null });
      return;
    }
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {initialClient === null && <ClientPicker onPick={setClientId} error={errors.fields.clientId} />}
        <TextInput
          data-autofocus
          required
          label={t('followups.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.fields.title}
        />
        <DateTimePicker
          label={t('followups.due')}
          value={due}
          onChange={setDue}
          error={errors.fields.dueAt}
        />
        <SegmentedControl
          aria-label={t('followups.priorityLabel')}
          value={priority}
          onChange={(value) => setPriority(value === 'high' || value === 'low' ? value : 'normal')}
          data={(['low', 'normal', 'high'] as const).map((value) => ({
            value,
            label: t(`followups.priority.${value}`),
          }))}
        />
        <FormFooter error={errors.form} onCancel={onClose} saving={create.isPending} />
      </Stack>
    </form>
  );
}
