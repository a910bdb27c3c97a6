import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { nextStepDue } from '../followups/presets.ts';
import { ClientPicker } from '../clients/ClientPicker.tsx';

let state: { open: boolean; clientId: string | null; opened: number } = {
  open: false,
  clientId: null,
  opened: 0,
};
const listeners = new Set<() => void>();
const set = (next: typeof state) => {
  state = next;
  listeners.forEach((listener) => listener());
};

/** Opens the new follow-up form from anywhere; without a client, the form asks for one. */
export function openNewFollowup(clientId: string | null): void {
  set({ open: true, clientId, opened: state.opened + 1 });
}

/** A new follow-up: for which client, what to do and when; tomorrow morning unless said otherwise. */
export function NewFollowupModal() {
  const { t } = useTranslation();
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
  const close = () => set({ ...state, open: false });
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
        {errors.form && (
          <Text c="red" size="sm">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
