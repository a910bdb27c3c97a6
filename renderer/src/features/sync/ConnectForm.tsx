import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';

/** Connects this laptop to the team's sync server: its address, the user's email and password. */
export function ConnectForm() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const connect = useMutation({
    mutationFn: () => api.call('sync.connect', { serverUrl, email, password }),
    onSuccess: (status) => {
      setPassword('');
      notifications.show({ color: 'teal', message: t('sync.connected', { email: status.email ?? '' }) });
    },
    onError: (error) => setErrors(errorText(error)),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setErrors({ fields: {}, form: null });
    connect.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('sync.connectTitle')}>
      <Stack gap="sm" maw={420}>
        <Text size="sm" c="dimmed">
          {t('sync.localOnlyHint')}
        </Text>
        <TextInput
          label={t('sync.serverUrl')}
          placeholder="https://sync.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={errors.fields.serverUrl}
        />
        <TextInput
          label={t('contacts.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.fields.email}
        />
        <PasswordInput
          label={t('sync.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.fields.password}
        />
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Group>
          <Button type="submit" loading={connect.isPending}>
            {t('sync.connect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
