import {
  Alert,
  Button,
  Card,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type SyntheticEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/domain/sync.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiCache, useApiQuery } from '../../api/useApiQuery.ts';
import { type FormErrors, useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { useSyncStatus } from './useSyncStatus.ts';

/** Settings → Sync: connect this laptop to the team's server, see how it goes, settle conflicts. */
export function SyncSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const status = useSyncStatus();
  const errorText = useErrorText();
  const syncNow = useMutation({ mutationFn: () => api.call('sync.now', {}) });
  const disconnect = useMutation({
    mutationFn: () => api.call('sync.disconnect', {}),
    onSuccess: () => notifications.show({ message: t('sync.disconnected') }),
    onError: (error) => notifications.show({ color: 'red', message: errorText(error).form ?? '' }),
  });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('sync.title')}
      </Title>
      {!status || status.state === 'off' ? (
        <ConnectForm />
      ) : (
        <Stack gap="sm">
          <Text>{t('sync.connectedAs', { email: status.email ?? '', server: status.serverUrl ?? '' })}</Text>
          <Text size="sm" c="dimmed">
            {status.lastSuccessAt
              ? t('sync.lastSuccessAt', { when: format.dateTime(status.lastSuccessAt) })
              : t('sync.neverSynced')}
            {' · '}
            {t('sync.pending', { count: status.pending })}
          </Text>
          {status.lastError && (
            <Alert
              color={status.state === 'offline' ? 'gray' : 'red'}
              title={t(`sync.state.${status.state}`)}
            >
              {status.lastError}
            </Alert>
          )}
          <Group>
            <Button
              onClick={() => syncNow.mutate()}
              loading={syncNow.isPending || status.state === 'syncing'}
            >
              {t('sync.now')}
            </Button>
            <Button
              variant="default"
              color="red"
              onClick={() => disconnect.mutate()}
              loading={disconnect.isPending}
            >
              {t('sync.disconnect')}
            </Button>
          </Group>
          <Devices />
          <Conflicts />
        </Stack>
      )}
    </Card>
  );
}

function ConnectForm() {
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

/**
 * The team's laptops signed in to the server, this one marked. A lost or replaced laptop can be revoked
 * here (a team admin any, anyone their own), after saying what that means.
 */
function Devices() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const errorText = useErrorText();
  const cache = useApiCache();
  const [confirming, setConfirming] = useState<string | null>(null);
  // The server knows of laptops this one has never heard of: ask each time Settings opens.
  const devices = useApiQuery('sync.devices', {}, { refetchOnMount: 'always' });
  const revoke = useMutation({
    mutationFn: (device: { id: string; name: string }) =>
      api.call('sync.revokeDevice', { deviceId: device.id }),
    onSuccess: (list, device) => {
      cache.set('sync.devices', {}, list);
      setConfirming(null);
      notifications.show({ message: t('sync.revokeDone', { name: device.name }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error).form ?? '' }),
  });
  if (!devices.data) return null;
  return (
    <Stack gap={4} mt="sm" role="region" aria-label={t('sync.devices')}>
      <Title order={5}>{t('sync.devices')}</Title>
      {devices.data.items.map((device) => (
        <Stack key={device.id} gap={4} data-testid="device">
          <Group gap="xs">
            <Text size="sm" fw={device.current ? 600 : 400}>
              {device.name}
            </Text>
            <Text size="sm" c="dimmed">
              {device.email} · {t('sync.lastSeen', { when: format.dateTime(device.lastSeenAt) })}
            </Text>
            {device.current && (
              <Text size="xs" c="teal">
                {t('sync.thisLaptop')}
              </Text>
            )}
            {device.revoked && (
              <Text size="xs" c="red">
                {t('sync.revoked')}
              </Text>
            )}
            {device.canRevoke && !device.current && confirming !== device.id && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={t('sync.revokeLabel', { name: device.name, email: device.email })}
                onClick={() => setConfirming(device.id)}
              >
                {t('sync.revoke')}
              </Button>
            )}
          </Group>
          {confirming === device.id && (
            <Alert color="red" variant="light" role="alertdialog" aria-label={t('sync.revoke')}>
              <Text size="sm">{t('sync.revokeExplain', { name: device.name })}</Text>
              <Group gap="xs" mt="xs">
                <Button
                  size="xs"
                  color="red"
                  loading={revoke.isPending}
                  onClick={() => revoke.mutate({ id: device.id, name: device.name })}
                >
                  {t('sync.revokeConfirm')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

/** The conflict inbox: both versions of a text that lost a concurrent edit; keep one, or combine them. */
function Conflicts() {
  const { t } = useTranslation();
  const conflicts = useApiQuery('sync.conflicts', {});
  const items = conflicts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" mt="md" role="region" aria-label={t('sync.conflictsTitle')}>
      <Title order={5}>{t('sync.conflictsTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('sync.conflictsHint')}
      </Text>
      {items.map((conflict) => (
        <ConflictItem key={conflict.id} conflict={conflict} />
      ))}
    </Stack>
  );
}

function ConflictItem({ conflict }: { conflict: SyncConflict }) {
  return conflict.kind === 'deleted' ? (
    <DeletedEdited conflict={conflict} />
  ) : (
    <TextConflict conflict={conflict} />
  );
}

/** "Changed after deletion — restore?" */
function DeletedEdited({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const api = useApi();
  const resolve = useMutation({
    mutationFn: (choice: 'kept' | 'lost') => api.call('sync.resolveConflict', { id: conflict.id, choice }),
  });
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600}>
        {t('sync.deletedEdited')}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t('sync.deletedEditedDetail', {
          field: t(`client.field.${conflict.field}`, { defaultValue: conflict.field }),
          value: conflict.lost,
        })}
      </Text>
      <Group mt="xs" gap="xs">
        <Button size="xs" onClick={() => resolve.mutate('lost')} loading={resolve.isPending}>
          {t('sync.restore')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate('kept')}
          loading={resolve.isPending}
        >
          {t('sync.keepDeleted')}
        </Button>
      </Group>
    </Card>
  );
}

function TextConflict({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const api = useApi();
  const [combined, setCombined] = useState(`${conflict.kept}\n${conflict.lost}`);
  const resolve = useMutation({
    mutationFn: (choice: 'kept' | 'lost' | 'combined') =>
      api.call('sync.resolveConflict', {
        id: conflict.id,
        choice,
        ...(choice === 'combined' ? { text: combined } : {}),
      }),
  });
  const href = conflict.entity === 'client' ? hrefOf('client', conflict.recordId) : null;
  return (
    <Card withBorder padding="sm" data-testid="conflict">
      <Text size="sm" fw={600} mb={4}>
        {href ? (
          <a href={href}>{t(`client.field.${conflict.field}`, { defaultValue: conflict.field })}</a>
        ) : (
          conflict.field
        )}
      </Text>
      <Group grow align="flex-start">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('sync.current')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {conflict.kept}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('sync.other')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {conflict.lost}
          </Text>
        </Stack>
      </Group>
      <Textarea
        mt="xs"
        autosize
        minRows={2}
        label={t('sync.combined')}
        value={combined}
        onChange={(e) => setCombined(e.currentTarget.value)}
      />
      <Group mt="xs" gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate('kept')}
          loading={resolve.isPending}
        >
          {t('sync.keepCurrent')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => resolve.mutate('lost')}
          loading={resolve.isPending}
        >
          {t('sync.keepOther')}
        </Button>
        <Button size="xs" onClick={() => resolve.mutate('combined')} loading={resolve.isPending}>
          {t('sync.keepCombined')}
        </Button>
      </Group>
    </Card>
  );
}
