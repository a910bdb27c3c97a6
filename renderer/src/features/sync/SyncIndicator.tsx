import { Badge, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCloudCheck,
  IconCloudOff,
  IconCloudUpload,
  IconRefresh,
  IconWifiOff,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../../shared/domain/sync.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf, navigateTo } from '../../router/router.ts';
import { useSyncStatus } from './useSyncStatus.ts';

const looks: Record<SyncState, { color: string; icon: typeof IconCloudOff }> = {
  off: { color: 'gray', icon: IconCloudOff },
  synced: { color: 'teal', icon: IconCloudCheck },
  syncing: { color: 'blue', icon: IconRefresh },
  pending: { color: 'yellow', icon: IconCloudUpload },
  offline: { color: 'gray', icon: IconWifiOff },
  error: { color: 'red', icon: IconAlertTriangle },
};

/** The shell's sync indicator: synced, syncing, N pending, offline, or an error in plain words. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useSyncStatus();
  const state = status?.state ?? 'off';
  const { color, icon: Icon } = looks[state];
  const label =
    state === 'pending'
      ? t('sync.state.pendingCount', { count: status?.pending ?? 0 })
      : state === 'syncing' && status?.received !== undefined && status.received !== null
        ? t('sync.state.receiving', { count: format.number(status.received) })
        : t(`sync.state.${state}`);
  const hint =
    state === 'off'
      ? t('sync.localOnlyHint')
      : state === 'error' || state === 'offline'
        ? (status?.lastError ?? '')
        : status?.lastSuccessAt
          ? t('sync.lastSuccessAt', { when: format.dateTime(status.lastSuccessAt) })
          : '';
  return (
    <Tooltip label={hint || label} multiline w={280} disabled={!hint}>
      <UnstyledButton
        onClick={() => navigateTo(hrefOf('settings'))}
        aria-label={`${t('sync.title')}: ${label}`}
      >
        <Badge variant="light" color={color} leftSection={<Icon size={12} />} data-testid="sync-indicator">
          {label}
          {(status?.conflicts ?? 0) > 0 &&
            ` · ${t('sync.conflictsCount', { count: status?.conflicts ?? 0 })}`}
        </Badge>
      </UnstyledButton>
    </Tooltip>
  );
}
