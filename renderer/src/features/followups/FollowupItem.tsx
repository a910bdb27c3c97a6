import { ActionIcon, Anchor, Badge, Group, Menu, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { isSameDay } from 'date-fns';
import { IconCalendarEvent, IconCheck, IconChevronDown, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueFollowup } from '../../../../shared/domain/followup.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { type ReschedulePreset, dueOnPickedDay, rescheduleTo } from './presets.ts';
import { useFollowupActions } from './useFollowupActions.ts';

const presets: ReschedulePreset[] = ['laterToday', 'tomorrow', 'nextWeek'];

/** One open follow-up: done in one click, rescheduled with a preset or a picked day, opened with its client. */
export function FollowupItem({ followup, now }: { followup: DueFollowup; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { complete, reschedule } = useFollowupActions();
  const [picking, setPicking] = useState(false);
  const dueToday = followup.allDay && isSameDay(new Date(followup.dueAt), now);
  const overdue = followup.allDay
    ? new Date(followup.dueAt).getTime() + 86_400_000 <= now.getTime()
    : new Date(followup.dueAt) < now;
  const busy = complete.isPending || reschedule.isPending;
  return (
    <Group
      wrap="nowrap"
      gap="sm"
      py={6}
      px="xs"
      role="listitem"
      aria-label={followup.title}
      data-testid="followup"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Tooltip label={t('followups.markDone')}>
        <ActionIcon
          variant="default"
          radius="xl"
          aria-label={t('followups.markDoneNamed', { title: followup.title })}
          loading={complete.isPending}
          disabled={busy}
          onClick={() => complete.mutate({ id: followup.id })}
        >
          <IconCheck size={16} />
        </ActionIcon>
      </Tooltip>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={500} truncate="end">
          {followup.title}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Anchor href={hrefOf('client', followup.clientId)} size="sm" truncate="end">
            {followup.clientName}
          </Anchor>
          {followup.contactName && (
            <Text size="sm" c="dimmed" truncate="end">
              · {followup.contactName}
            </Text>
          )}
        </Group>
      </Stack>
      {followup.priority === 'high' && (
        <Badge color="red" variant="light" size="sm">
          {t('followups.priority.high')}
        </Badge>
      )}
      <Tooltip label={followup.allDay ? format.date(followup.dueAt) : format.dateTime(followup.dueAt)}>
        <Text size="sm" c={overdue ? 'red' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
          {dueToday ? t('today.dueToday') : format.due(followup.dueAt, now)}
        </Text>
      </Tooltip>
      <Popover opened={picking} onChange={setPicking} position="bottom-end" withArrow trapFocus>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Popover.Target>
              <ActionIcon
                variant="subtle"
                aria-label={t('followups.rescheduleNamed', { title: followup.title })}
                disabled={busy}
              >
                <IconChevronDown size={16} />
              </ActionIcon>
            </Popover.Target>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('followups.reschedule')}</Menu.Label>
            {presets.map((preset) => {
              const to = rescheduleTo(preset, now);
              return (
                <Menu.Item
                  key={preset}
                  disabled={to === null}
                  onClick={() => to && reschedule.mutate({ id: followup.id, dueAt: to.toISOString() })}
                  rightSection={
                    to && (
                      <Text size="xs" c="dimmed">
                        {format.dateTime(to)}
                      </Text>
                    )
                  }
                >
                  {t(`followups.preset.${preset}`)}
                </Menu.Item>
              );
            })}
            <Menu.Item leftSection={<IconCalendarEvent size={14} />} onClick={() => setPicking(true)}>
              {t('followups.preset.pick')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconExternalLink size={14} />}
              component="a"
              href={hrefOf('client', followup.clientId)}
            >
              {t('followups.openClient')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Popover.Dropdown>
          <DatePicker
            aria-label={t('followups.preset.pick')}
            minDate={new Date()}
            onChange={(value) => {
              setPicking(false);
              if (value) {
                reschedule.mutate({ id: followup.id, dueAt: dueOnPickedDay(new Date(value)).toISOString() });
              }
            }}
          />
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
