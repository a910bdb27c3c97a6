import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPhone, IconPhoneCall, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useApiForm } from '../../components/useApiForm.ts';
import { openCallLogger } from '../calls/callLoggerStore.ts';
import { EmptyHint, LoadError } from '../../components/Feedback.tsx';

/** The client's contact persons, primary first, each one call away. */
export function ClientContacts({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const contacts = useApiQuery('contacts.list', { clientId, limit: 200 });
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('contacts.new')}
        </Button>
      </Group>
      {contacts.isError && <LoadError onRetry={() => void contacts.refetch()} />}
      {contacts.isSuccess && contacts.data.items.length === 0 && <EmptyHint text={t('contacts.empty')} />}
      {contacts.data?.items.map((contact) => (
        <Card key={contact.id} withBorder padding="sm" role="listitem" aria-label={contact.name}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{contact.name}</Text>
                {contact.isPrimary && (
                  <Badge size="xs" variant="light">
                    {t('contacts.primary')}
                  </Badge>
                )}
              </Group>
              {contact.role && (
                <Text size="sm" c="dimmed">
                  {contact.role}
                </Text>
              )}
              <Group gap="md">
                {contact.phones.map((phone) => (
                  <Group key={phone.value} gap={4}>
                    <IconPhone size={14} />
                    <Anchor size="sm" href={`tel:${phone.value.replace(/[^\d+]/g, '')}`}>
                      {phone.value}
                    </Anchor>
                  </Group>
                ))}
                {contact.emails.map((email) => (
                  <Group key={email.value} gap={4}>
                    <IconMail size={14} />
                    <Anchor size="sm" href={`mailto:${email.value}`}>
                      {email.value}
                    </Anchor>
                  </Group>
                ))}
              </Group>
            </Stack>
            <Tooltip label={t('calls.logFor', { name: contact.name })}>
              <ActionIcon
                variant="light"
                size="lg"
                aria-label={t('calls.logFor', { name: contact.name })}
                onClick={() => openCallLogger({ clientId, contactId: contact.id })}
              >
                <IconPhoneCall size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Card>
      ))}
      <NewContactModal clientId={clientId} opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function NewContactModal({
  clientId,
  opened,
  onClose,
}: {
  clientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { form, formError, saving, submit, close } = useApiForm('contacts.create', {
    initialValues: { name: '', role: '', phone: '', email: '' },
    toInput: ({ name, role, phone, email }) => ({
      clientId,
      name: name.trim(),
      role: role.trim() || null,
      phones: phone.trim() ? [{ value: phone.trim() }] : [],
      emails: email.trim() ? [{ value: email.trim() }] : [],
    }),
    fieldOf: { 'phones.0.value': 'phone', 'emails.0.value': 'email' },
    onSuccess: (contact) => {
      notifications.show({ color: 'teal', message: t('contacts.created', { name: contact.name }) });
    },
    onClose,
  });
  return (
    <FormModal
      opened={opened}
      title={t('contacts.new')}
      onClose={close}
      onSubmit={submit}
      error={formError}
      saving={saving}
    >
      <TextInput data-autofocus required label={t('contacts.name')} {...form.getInputProps('name')} />
      <TextInput label={t('contacts.role')} {...form.getInputProps('role')} />
      <TextInput label={t('contacts.phone')} {...form.getInputProps('phone')} />
      <TextInput label={t('contacts.email')} {...form.getInputProps('email')} />
    </FormModal>
  );
}
