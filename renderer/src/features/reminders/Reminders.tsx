import {
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  getDefaultZIndex,
} from '@mantine/core';
import { IconBell, IconBellRinging } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../../../shared/domain/reminder.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiCache, useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { EmptyHint } from '../../components/Feedback.tsx';
import { useNow } from '../../components/useNow.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf, openClient, useRoute } from '../../router/router.ts';
import { useCallLogger } from '../calls/callLoggerStore.ts';
import { type SnoozePreset, snoozeUntil } from '../followups/presets.ts';

const snoozes: SnoozePreset[] = ['tenMinutes', 'oneHour', 'tomorrow'];

/**
 * Reminders of follow-ups that came due, as a button in the header: the count, and how many came due
 * while the app was closed ("missed while away"), always in sight but never over the screen. It opens the
 * list with snooze and done, under any dialog (a call being logged stays uncovered). Each new reminder
 * also gets an OS notification where the system allows it (the desktop app; a browser tab only with
 * permission). The backend decides what is due (also offline) and announces it; this only shows it.
 */
export function Reminders() {
  const { t } = useTranslation();
  const api = useApi();
  const cache = useApiCache();
  const reminders = useApiQuery('reminders.list', {});
  useEffect(() => api.on('reminders.due', () => void cache.invalidate('reminders.list')), [api, cache]);
  const items = reminders.data?.items ?? [];
  const missed = items.filter((reminder) => reminder.missed).length;
  const { opened, setOpened } = useOpenedHere();
  useOsNotifications(items);
  const label =
    items.length === 0
      ? t('reminders.none')
      : [
          t('reminders.count', { count: items.length }),
          missed > 0 ? t('reminders.missedCount', { count: missed }) : '',
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={400}
      shadow="lg"
      withArrow
      trapFocus
      returnFocus
      // Under the shell's dialogs (the call logger, the palette): a list opened here never covers them.
      zIndex={getDefaultZIndex('app')}
    >
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Button
            variant={items.length > 0 ? 'light' : 'subtle'}
            color={items.length > 0 ? 'orange' : 'gray'}
            px={items.length > 0 ? 'sm' : 'xs'}
            onClick={() => setOpened(!opened)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && opened) setOpened(false);
            }}
            aria-label={label}
            data-testid="reminders-button"
            leftSection={
              items.length > 0 ? (
                <Indicator disabled={missed === 0} color="red" size={8} offset={2}>
                  <IconBellRinging size={18} />
                </Indicator>
              ) : (
                <IconBell size={18} />
              )
            }
          >
            {items.length > 0 && (
              // On a narrow window only the count; "N missed while away" where there is room.
              <Group gap={6} wrap="nowrap">
                <Text span fw={700} size="sm" hiddenFrom={missed === items.length ? 'md' : undefined}>
                  {items.length}
                </Text>
                {missed > 0 && (
                  <Text span size="sm" fw={500} visibleFrom="md">
                    {missed < items.length && '· '}
                    {t('reminders.missedShort', { count: missed })}
                  </Text>
                )}
              </Group>
            )}
          </Button>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="sm" aria-label={t('reminders.title')}>
        <Group gap="xs" mb="xs">
          <IconBellRinging size={18} color="var(--mantine-color-orange-6)" />
          <Text fw={600}>{t('reminders.title')}</Text>
          {items.length > 0 && (
            <Badge color="orange" variant="light">
              {items.length}
            </Badge>
          )}
          {missed > 0 && (
            <Badge color="gray" variant="outline">
              {t('reminders.missedShort', { count: missed })}
            </Badge>
          )}
        </Group>
        {items.length === 0 ? (
          <EmptyHint text={t('reminders.empty')} />
        ) : (
          <ScrollArea.Autosize mah="calc(100vh - 160px)" type="auto" offsetScrollbars>
            <Stack gap="sm" role="list" aria-label={t('reminders.title')}>
              {items.map((reminder) => (
                <ReminderItem key={`${reminder.followupId}@${reminder.remindAt}`} reminder={reminder} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * Whether the list is open: only where it was opened. Going to another screen (a client's link in the
 * list) or opening the call logger closes it.
 */
function useOpenedHere() {
  const route = useRoute();
  const { open: logging } = useCallLogger();
  const here = `${route.screen}/${route.id ?? ''}/${String(logging)}`;
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  return { opened: openedAt === here, setOpened: (open: boolean) => setOpenedAt(open ? here : null) };
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
    <Stack gap={4} role="listitem" aria-label={reminder.title} data-testid="reminder">
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
