import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPhone, IconPhoneCall, IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
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
  const api = useApi();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const close = () => {
    setName('');
    setRole('');
    setPhone('');
    setEmail('');
    setErrors({ fields: {}, form: null });
    onClose();
  };
  const create = useMutation({
    mutationFn: () =>
      api.call('contacts.create', {
        clientId,
        name: name.trim(),
        role: role.trim() || null,
        phones: phone.trim() ? [{ value: phone.trim() }] : [],
        emails: email.trim() ? [{ value: email.trim() }] : [],
      }),
    onSuccess: (contact) => {
      notifications.show({ color: 'teal', message: t('contacts.created', { name: contact.name }) });
      close();
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: t('validation.required') }, form: null });
      return;
    }
    create.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('contacts.new')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            data-autofocus
            required
            label={t('contacts.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name}
          />
          <TextInput
            label={t('contacts.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            error={errors.fields.role}
          />
          <TextInput
            label={t('contacts.phone')}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.fields['phones.0.value']}
          />
          <TextInput
            label={t('contacts.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields['emails.0.value']}
          />
          <FormFooter error={errors.form} onCancel={close} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
