import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { CLIENT_NAME_MAX, type ClientKind } from '../../../../shared/domain/client.ts';
import { useApiForm } from '../../components/useApiForm.ts';

type NewClientDraft = { name: string; kind: ClientKind };

/** The form to add a client: a name and whether it is a company or a person. Enter saves. */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const draft: NewClientDraft = { name: '', kind: 'company' };
  const { form, formError, saving, submit, close } = useApiForm('clients.create', {
    initialValues: draft,
    toInput: ({ name, kind }) => ({ name: name.trim(), kind }),
    onSuccess: (client) => {
      notifications.show({
        color: 'teal',
        title: t('clients.createdTitle'),
        message: t('clients.created', { name: client.name }),
      });
    },
    onClose,
  });
  return (
    <Modal opened={opened} onClose={close} title={t('clients.form.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            data-autofocus
            required
            label={t('clients.form.name')}
            placeholder={t('clients.form.namePlaceholder')}
            maxLength={CLIENT_NAME_MAX}
            {...form.getInputProps('name')}
          />
          <SegmentedControl
            aria-label={t('clients.form.kind')}
            data={[
              { value: 'company', label: t('clients.kind.company') },
              { value: 'person', label: t('clients.kind.person') },
            ]}
            {...form.getInputProps('kind')}
          />
          {formError && (
            <Text c="red" size="sm">
              {formError}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('clients.form.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('clients.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
