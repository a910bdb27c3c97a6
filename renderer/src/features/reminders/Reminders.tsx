import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../../../shared/domain/reminder.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiCache, useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useNow } from '../../components/useNow.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf, openClient } from '../../router/router.ts';
import { type SnoozePreset, snoozeUntil } from '../followups/presets.ts';

const snoozes: SnoozePreset[] = ['tenMinutes', 'oneHour', 'tomorrow'];
/** Reminders shown before "show all": the panel must not hide the screen under it. */
const COLLAPSED = 2;

/**
 * Reminders of follow-ups that came due: a panel in the corner of every screen, with snooze and done, and
 * an OS notification for each new one where the system allows it (the desktop app; a browser tab only
 * with permission). Those that came due while the app was closed are marked "missed while away". The
 * backend decides what is due (also offline) and announces it; this only shows it.
 */
export function Reminders() {
  const { t } = useTranslation();
  const api = useApi();
  const cache = useApiCache();
  const reminders = useApiQuery('reminders.list', {});
  useEffect(() => api.on('reminders.due', () => void cache.invalidate('reminders.list')), [api, cache]);
  const items = reminders.data?.items ?? [];
  const [expanded, setExpanded] = useState(false);
  useOsNotifications(items);
  if (items.length === 0) return null;
  const shown = expanded ? items : items.slice(0, COLLAPSED);
  return (
    <Card
      withBorder
      shadow="lg"
      padding="sm"
      role="region"
      aria-label={t('reminders.title')}
      style={{
        position: 'fixed',
        bottom: 16,
        left: 16,
        width: 380,
        zIndex: 300,
        maxHeight: '50vh',
        overflow: 'auto',
      }}
    >
      <Group gap="xs" mb="xs">
        <IconBellRinging size={18} color="var(--mantine-color-orange-6)" />
        <Text fw={600}>{t('reminders.title')}</Text>
        <Badge color="orange" variant="light">
          {items.length}
        </Badge>
      </Group>
      <Stack gap="sm">
        {shown.map((reminder) => (
          <ReminderItem key={`${reminder.followupId}@${reminder.remindAt}`} reminder={reminder} />
        ))}
      </Stack>
      {items.length > COLLAPSED && (
        <Button size="compact-sm" variant="subtle" mt="xs" onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('reminders.showFewer') : t('reminders.showAll', { count: items.length })}
        </Button>
      )}
    </Card>
  );
}

function ReminderItem({ reminder }: { reminder: Reminder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const snooze = useApiMutation('reminders.snooze');
  const done = useApiMutation('followups.complete');
  const dismiss = useApiMutation('reminders.dismiss');
  const { followupId } = reminder;
  const busy = snooze.isPending || done.isPending || dismiss.isPending;
  return (
    <Stack gap={4} role="article" aria-label={reminder.title} data-testid="reminder">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={500} truncate="end">
          {reminder.title}
        </Text>
        {reminder.missed && (
          <Badge size="xs" color="gray" variant="outline">
            {t('reminders.missed')}
          </Badge>
        )}
      </Group>
      <Group gap={6}>
        <Anchor size="sm" href={hrefOf('client', reminder.clientId)}>
          {reminder.clientName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {format.due(reminder.dueAt, now)}
        </Text>
      </Group>
      <Group gap={4}>
        <Button size="compact-xs" onClick={() => done.mutate({ id: followupId })} disabled={busy}>
          {t('reminders.done')}
        </Button>
        {snoozes.map((preset) => (
          <Button
            key={preset}
            size="compact-xs"
            variant="default"
            disabled={busy}
            onClick={() =>
              snooze.mutate({ followupId, until: snoozeUntil(preset, new Date()).toISOString() })
            }
          >
            {t(`reminders.snooze.${preset}`)}
          </Button>
        ))}
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          disabled={busy}
          onClick={() => dismiss.mutate({ followupId })}
        >
          {t('reminders.dismiss')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One OS notification per reminder, once; clicking it brings the app forward on the client. */
function useOsNotifications(items: readonly Reminder[]) {
  const { t } = useTranslation();
  const shown = useRef(new Set<string>());
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    const fresh = items.filter((r) => !shown.current.has(`${r.followupId}@${r.remindAt}`));
    if (fresh.length === 0) return;
    const show = () => {
      for (const reminder of fresh) {
        shown.current.add(`${reminder.followupId}@${reminder.remindAt}`);
        const notification = new Notification(reminder.title, {
          body: reminder.missed ? `${reminder.clientName} · ${t('reminders.missed')}` : reminder.clientName,
          tag: reminder.followupId,
        });
        notification.onclick = () => {
          window.focus();
          openClient(reminder.clientId);
        };
      }
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default')
      void Notification.requestPermission().then((p) => p === 'granted' && show());
  }, [items, t]);
}
