import { Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { createStore } from '../../components/createStore.ts';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useApiForm } from '../../components/useApiForm.ts';
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

type FollowupDraft = {
  clientId: string | null;
  title: string;
  due: string | null;
  priority: 'low' | 'normal' | 'high';
};

function FollowupForm({
  clientId: initialClient,
  onClose,
}: {
  clientId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const draft: FollowupDraft = {
    clientId: initialClient,
    title: '',
    due: nextStepDue('tomorrow', new Date()).toISOString(),
    priority: 'normal',
  };
  const { form, formError, saving, submit } = useApiForm('followups.create', {
    initialValues: draft,
    toInput: ({ clientId, title, due, priority }) => ({
      clientId: clientId ?? '',
      title: title.trim(),
      dueAt: due ? new Date(due).toISOString() : '',
      priority,
    }),
    fieldOf: { dueAt: 'due' },
    check: ({ clientId, due }) => ({
      clientId: clientId === null ? t('followups.chooseClient') : undefined,
      due: due ? undefined : t('validation.required'),
    }),
    onSuccess: (followup) => {
      notifications.show({
        color: 'teal',
        message: t('followups.created', { title: followup.title, due: format.dateTime(followup.dueAt) }),
      });
      onClose();
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {initialClient === null && (
          <ClientPicker onPick={(id) => form.setFieldValue('clientId', id)} error={form.errors.clientId} />
        )}
        <TextInput data-autofocus required label={t('followups.title')} {...form.getInputProps('title')} />
        <DateTimePicker label={t('followups.due')} {...form.getInputProps('due')} />
        <SegmentedControl
          aria-label={t('followups.priorityLabel')}
          data={(['low', 'normal', 'high'] as const).map((value) => ({
            value,
            label: t(`followups.priority.${value}`),
          }))}
          {...form.getInputProps('priority')}
        />
        <FormFooter error={formError} onCancel={onClose} saving={saving} />
      </Stack>
    </form>
  );
}
