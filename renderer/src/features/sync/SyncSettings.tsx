import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { ConnectForm } from './ConnectForm.tsx';
import { Conflicts } from './Conflicts.tsx';
import { Devices } from './Devices.tsx';
import { SetAsideChanges } from './SetAsideChanges.tsx';
import { useSyncStatus } from './useSyncStatus.ts';

/** Settings → Sync: connect this laptop to the team's server, see how it goes, settle conflicts. */
export function SyncSettings() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useSyncStatus();
  const errorText = useErrorText();
  const syncNow = useApiMutation('sync.now');
  const disconnect = useApiMutation('sync.disconnect', {
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
              onClick={() => syncNow.mutate({})}
              loading={syncNow.isPending || status.state === 'syncing'}
            >
              {t('sync.now')}
            </Button>
            <Button
              variant="default"
              color="red"
              onClick={() => disconnect.mutate({})}
              loading={disconnect.isPending}
            >
              {t('sync.disconnect')}
            </Button>
          </Group>
          <Devices />
          <Conflicts />
          <SetAsideChanges count={status.setAside} />
        </Stack>
      )}
    </Card>
  );
}
