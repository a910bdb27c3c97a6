import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiForm } from '../../components/useApiForm.ts';

/** Connects this laptop to the team's sync server: its address, the user's email and password. */
export function ConnectForm() {
  const { t } = useTranslation();
  const { form, formError, saving, submit } = useApiForm('sync.connect', {
    initialValues: { serverUrl: '', email: '', password: '' },
    toInput: (values) => values,
    onSuccess: (status) => {
      form.setFieldValue('password', '');
      notifications.show({ color: 'teal', message: t('sync.connected', { email: status.email ?? '' }) });
    },
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('sync.connectTitle')}>
      <Stack gap="sm" maw={420}>
        <Text size="sm" c="dimmed">
          {t('sync.connectHint')}
        </Text>
        <TextInput
          label={t('sync.serverUrl')}
          placeholder="https://sync.example.com"
          {...form.getInputProps('serverUrl')}
        />
        <TextInput label={t('contacts.email')} {...form.getInputProps('email')} />
        <PasswordInput label={t('sync.password')} {...form.getInputProps('password')} />
        {formError && <Alert color="red">{formError}</Alert>}
        <Group>
          <Button type="submit" loading={saving}>
            {t('sync.connect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
