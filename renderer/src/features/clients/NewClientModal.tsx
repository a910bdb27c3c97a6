import { Button, Group, Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import { catalogs, isLanguage } from '../../../../shared/i18n/index.ts';
import { localizeIssue } from '../../../../shared/i18n/validation.ts';
import { CLIENT_NAME_MAX, type ClientKind } from '../../../../shared/domain/client.ts';
import { useCreateClient } from './useClients.ts';

/** The form to add a client: a name and whether it is a company or a person. Enter saves. */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ClientKind>('company');
  const [error, setError] = useState<string | null>(null);
  const create = useCreateClient();

  const reset = () => {
    setName('');
    setKind('company');
    setError(null);
    create.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('validation.required'));
      return;
    }
    if (trimmed.length > CLIENT_NAME_MAX) {
      setError(t('validation.tooLong', { max: CLIENT_NAME_MAX }));
      return;
    }
    create.mutate(
      { name: trimmed, kind },
      {
        onSuccess: (client) => {
          notifications.show({
            color: 'teal',
            title: t('clients.createdTitle'),
            message: t('clients.created', { name: client.name }),
          });
          close();
        },
        onError: (failure) => setError(errorMessage(failure, i18n.language)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('clients.form.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            data-autofocus
            required
            label={t('clients.form.name')}
            placeholder={t('clients.form.namePlaceholder')}
            value={name}
            maxLength={CLIENT_NAME_MAX}
            error={error}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setError(null);
            }}
          />
          <SegmentedControl
            aria-label={t('clients.form.kind')}
            value={kind}
            onChange={(value) => setKind(value === 'person' ? 'person' : 'company')}
            data={[
              { value: 'company', label: t('clients.kind.company') },
              { value: 'person', label: t('clients.kind.person') },
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('clients.form.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('clients.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A failed save in the user's language: the first field issue of a validation error, else its message. */
function errorMessage(failure: Error, language: string): string {
  const catalog = catalogs[isLanguage(language) ? language : 'en'];
  const issue = failure instanceof AppError ? failure.details?.issues?.[0] : undefined;
  return issue ? localizeIssue(issue, catalog) : failure.message;
}
