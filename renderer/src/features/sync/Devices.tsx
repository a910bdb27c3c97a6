import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiCache, useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';

/**
 * The team's laptops signed in to the server, this one marked. A lost or replaced laptop can be revoked
 * here (a team admin any, anyone their own), after saying what that means.
 */
export function Devices() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const cache = useApiCache();
  const [confirming, setConfirming] = useState<string | null>(null);
  // The server knows of laptops this one has never heard of: ask each time Settings opens.
  const devices = useApiQuery('sync.devices', {}, { refetchOnMount: 'always' });
  const revoke = useApiMutation('sync.revokeDevice', {
    onSuccess: (list, { deviceId }) => {
      const name = devices.data?.items.find((device) => device.id === deviceId)?.name ?? '';
      // The answer is the list as the server now has it.
      cache.set('sync.devices', {}, list);
      setConfirming(null);
      notifications.show({ message: t('sync.revokeDone', { name }) });
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
                  onClick={() => revoke.mutate({ deviceId: device.id })}
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
