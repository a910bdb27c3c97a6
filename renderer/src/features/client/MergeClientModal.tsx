import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useUndo } from '../../components/useUndo.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { openClient } from '../../router/router.ts';
import { ClientPicker } from '../clients/ClientPicker.tsx';

/**
 * Merge a duplicate into the client to keep: pick that client, see what will happen, confirm. Everything
 * of the duplicate moves over and it is deleted; the notification offers undo.
 */
export function MergeClientModal({
  client,
  opened,
  onClose,
  initialTarget = null,
}: {
  client: Client;
  opened: boolean;
  onClose: () => void;
  /** The client to keep, when already known (a suggested duplicate). */
  initialTarget?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('merge.title', { name: client.name })}
      size="lg"
      centered
    >
      {opened && <MergeForm client={client} initialTarget={initialTarget} onClose={onClose} />}
    </Modal>
  );
}

function MergeForm({
  client,
  initialTarget,
  onClose,
}: {
  client: Client;
  initialTarget: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const undo = useUndo();
  const errorText = useErrorText();
  const [intoId, setIntoId] = useState<string | null>(initialTarget);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const target = useApiQuery('clients.get', { id: intoId ?? '' }, { enabled: intoId !== null });
  const merge = useMutation({
    mutationFn: (id: string) => api.call('clients.merge', { id: client.id, intoId: id }),
    onSuccess: (kept) => {
      undo.offer(t('merge.done', { name: client.name, into: kept.name }));
      onClose();
      openClient(kept.id);
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (intoId === null) {
      setErrors({ fields: { intoId: t('merge.pickFirst') }, form: null });
      return;
    }
    merge.mutate(intoId);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('merge.explain', { name: client.name })}</Text>
        <ClientPicker
          key={initialTarget !== null && target.data ? 'suggested' : 'search'}
          label={t('merge.into')}
          {...(initialTarget !== null && target.data?.id === initialTarget
            ? { initial: { id: initialTarget, label: target.data.name } }
            : {})}
          exclude={client.id}
          onPick={(id) => {
            setIntoId(id);
            setErrors({ fields: {}, form: null });
          }}
          error={errors.fields.intoId}
        />
        {target.data && (
          <Alert color="blue" variant="light" title={t('merge.keep', { name: target.data.name })}>
            {t('merge.outcome', { name: client.name, into: target.data.name })}
          </Alert>
        )}
        <FormFooter
          error={errors.form}
          onCancel={onClose}
          saving={merge.isPending}
          submitLabel={t('merge.submit')}
        />
      </Stack>
    </form>
  );
}
