import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useApiForm } from '../../components/useApiForm.ts';
import { useUndo } from '../../components/useUndo.tsx';
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
  const undo = useUndo();
  const { form, formError, saving, submit } = useApiForm('clients.merge', {
    initialValues: { intoId: initialTarget },
    toInput: ({ intoId }) => ({ id: client.id, intoId: intoId ?? '' }),
    check: ({ intoId }) => ({ intoId: intoId === null ? t('merge.pickFirst') : undefined }),
    onSuccess: (kept) => {
      undo.offer(t('merge.done', { name: client.name, into: kept.name }));
      onClose();
      openClient(kept.id);
    },
  });
  const { intoId } = form.getValues();
  const target = useApiQuery('clients.get', { id: intoId ?? '' }, { enabled: intoId !== null });
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
          onPick={(id) => form.setFieldValue('intoId', id)}
          error={form.errors.intoId}
        />
        {target.data && (
          <Alert color="blue" variant="light" title={t('merge.keep', { name: target.data.name })}>
            {t('merge.outcome', { name: client.name, into: target.data.name })}
          </Alert>
        )}
        <FormFooter error={formError} onCancel={onClose} saving={saving} submitLabel={t('merge.submit')} />
      </Stack>
    </form>
  );
}
