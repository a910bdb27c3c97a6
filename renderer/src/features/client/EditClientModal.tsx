import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Client, type LifecycleStage, lifecycleStages } from '../../../../shared/domain/client.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';

interface Draft {
  name: string;
  stage: LifecycleStage;
  vip: boolean;
  ownerId: string | null;
  industry: string;
  segment: string;
  region: string;
  website: string;
  paymentTerms: string;
  notes: string;
}

const draftOf = (client: Client): Draft => ({
  name: client.name,
  stage: client.stage,
  vip: client.vip,
  ownerId: client.ownerId,
  industry: client.industry ?? '',
  segment: client.segment ?? '',
  region: client.region ?? '',
  website: client.website ?? '',
  paymentTerms: client.paymentTerms ?? '',
  notes: client.notes ?? '',
});

/** Edit a client's details; each field is validated by the API and its error shown beside it. */
export function EditClientModal({
  client,
  opened,
  onClose,
}: {
  client: Client;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('client.edit')} size="lg" centered>
      {opened && <EditForm client={client} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ client, onClose }: { client: Client; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(() => draftOf(client));
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const users = useApiQuery('users.list', { limit: 200, activeOnly: true });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, fields: { ...e.fields, [key]: '' } }));
  };
  const text = (value: string) => value.trim() || null;
  const save = useMutation({
    mutationFn: () =>
      api.call('clients.update', {
        id: client.id,
        name: draft.name,
        stage: draft.stage,
        vip: draft.vip,
        ownerId: draft.ownerId,
        industry: text(draft.industry),
        segment: text(draft.segment),
        region: text(draft.region),
        website: text(draft.website),
        paymentTerms: text(draft.paymentTerms),
        notes: text(draft.notes),
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('client.saved') });
      onClose();
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!draft.name.trim()) {
      setErrors({ fields: { name: t('validation.required') }, form: null });
      return;
    }
    save.mutate();
  };
  const field = (key: keyof Draft) => errors.fields[key] || undefined;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          data-autofocus
          required
          label={t('clients.form.name')}
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={field('name')}
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('client.field.stage')}
            data={lifecycleStages.map((stage) => ({ value: stage, label: t(`client.stage.${stage}`) }))}
            value={draft.stage}
            onChange={(value) => value && set('stage', value)}
            allowDeselect={false}
          />
          <Select
            label={t('client.owner')}
            clearable
            placeholder={t('client.noOwner')}
            data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
            value={draft.ownerId}
            onChange={(value) => set('ownerId', value)}
            error={field('ownerId')}
          />
          <TextInput
            label={t('client.field.segment')}
            value={draft.segment}
            onChange={(e) => set('segment', e.currentTarget.value)}
            error={field('segment')}
          />
          <TextInput
            label={t('client.field.industry')}
            value={draft.industry}
            onChange={(e) => set('industry', e.currentTarget.value)}
            error={field('industry')}
          />
          <TextInput
            label={t('client.field.region')}
            value={draft.region}
            onChange={(e) => set('region', e.currentTarget.value)}
            error={field('region')}
          />
          <TextInput
            label={t('client.field.website')}
            value={draft.website}
            onChange={(e) => set('website', e.currentTarget.value)}
            error={field('website')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('client.vip')}
          checked={draft.vip}
          onChange={(e) => set('vip', e.currentTarget.checked)}
        />
        <TextInput
          label={t('client.field.paymentTerms')}
          value={draft.paymentTerms}
          onChange={(e) => set('paymentTerms', e.currentTarget.value)}
          error={field('paymentTerms')}
        />
        <Textarea
          label={t('client.field.notes')}
          autosize
          minRows={3}
          value={draft.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={field('notes')}
        />
        <FormFooter error={errors.form} onCancel={onClose} saving={save.isPending} />
      </Stack>
    </form>
  );
}
