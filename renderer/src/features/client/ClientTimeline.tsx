import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import { FieldValue } from '../records/FieldValue.tsx';
import { Badge, Group, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconArrowsExchange,
  IconCalendarCheck,
  IconCash,
  IconMail,
  IconMessage,
  IconNote,
  IconPhone,
  IconTargetArrow,
  IconUsersGroup,
  IconWalk,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { EmptyHint, LoadError } from '../../components/Feedback.tsx';

/** One entry of the merged stream. */
interface Entry {
  key: string;
  at: string;
  icon: ReactNode;
  color: string;
  title: ReactNode;
  body?: string | null;
  badge?: string | null;
}

const kindIcons = {
  call: IconPhone,
  meeting: IconUsersGroup,
  visit: IconWalk,
  email: IconMail,
  message: IconMessage,
  note: IconNote,
} as const;

/** Fields whose changes belong in the stream (a stage change reads as a step in the relationship). */
const STREAM_FIELDS = new Set(['stage', 'vip', 'ownerId', 'segment', 'name']);
const PAGE = 100;

/**
 * Everything that happened with the client in one chronological stream, newest first: interactions,
 * follow-ups, deals, payments, stage and other key field changes.
 */
export function ClientTimeline({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Five answers, each cached and refetched on its own: a new payment refetches payments, not calls.
  const interactionsQuery = useApiQuery('interactions.timeline', { clientId, limit: PAGE });
  const followupsQuery = useApiQuery('followups.list', { clientId, limit: PAGE });
  const dealsQuery = useApiQuery('deals.list', { clientId, limit: PAGE });
  const paymentsQuery = useApiQuery('payments.list', { clientId, limit: PAGE });
  const historyQuery = useApiQuery('history.forRecord', { entity: 'client', id: clientId, limit: PAGE });
  const parts = [interactionsQuery, followupsQuery, dealsQuery, paymentsQuery, historyQuery];
  if (parts.some((part) => part.isError)) {
    return <LoadError onRetry={() => parts.forEach((part) => void part.refetch())} />;
  }
  const interactions = interactionsQuery.data;
  const followups = followupsQuery.data;
  const deals = dealsQuery.data;
  const payments = paymentsQuery.data;
  const history = historyQuery.data;
  if (!interactions || !followups || !deals || !payments || !history) {
    return <Text c="dimmed">{t('common.loading')}</Text>;
  }
  const entries: Entry[] = [
    ...interactions.items.map((item): Entry => {
      const Icon = kindIcons[item.kind];
      return {
        key: `i${item.id}`,
        at: item.occurredAt,
        icon: <Icon size={14} />,
        color: 'blue',
        title: item.summary ?? t(`interactions.kind.${item.kind}`),
        body: item.body,
        badge: item.outcome
          ? t(`calls.outcomes.${item.outcome}`, { defaultValue: item.outcome })
          : t(`interactions.kind.${item.kind}`),
      };
    }),
    ...followups.items.map((item): Entry => ({
      key: `f${item.id}`,
      at: item.dueAt,
      icon: <IconCalendarCheck size={14} />,
      color: item.status === 'open' ? 'orange' : 'gray',
      title: item.title,
      badge: t(`followups.status.${item.status}`),
    })),
    ...deals.items.map((item): Entry => ({
      key: `d${item.id}`,
      at: item.createdAt,
      icon: <IconTargetArrow size={14} />,
      color: 'grape',
      title: item.title,
      body: item.value ? format.money(item.value.amount, item.value.currency) : null,
      badge: t(`deals.stage.${item.stage}`),
    })),
    ...payments.items.map((item): Entry => ({
      key: `p${item.id}`,
      at: item.paidOn ?? item.issuedOn,
      icon: <IconCash size={14} />,
      color: item.kind === 'refund' ? 'red' : 'teal',
      title: `${t(`payments.kind.${item.kind}`)} ${format.money(item.amount, item.currency)}`,
      body: item.reference,
    })),
    ...history.items
      .filter((change) => STREAM_FIELDS.has(change.field) && change.oldValue !== null && !change.undone)
      .map((change): Entry => ({
        key: `h${String(change.seq)}/${change.field}`,
        at: change.at,
        icon: <IconArrowsExchange size={14} />,
        color: 'gray',
        title: (
          <>
            {t(fieldLabelKey('client', change.field), { defaultValue: change.field })}:{' '}
            <FieldValue entity="client" field={change.field} value={change.oldValue} /> →{' '}
            <FieldValue entity="client" field={change.field} value={change.newValue} />
          </>
        ),
      })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <EmptyHint text={t('timeline.empty')} />;
  return (
    <Timeline bulletSize={24} lineWidth={2} aria-label={t('client.tab.timeline')}>
      {entries.map((entry) => (
        <Timeline.Item
          key={entry.key}
          bullet={
            <ThemeIcon size={22} radius="xl" color={entry.color} variant="light">
              {entry.icon}
            </ThemeIcon>
          }
          title={
            <Group gap="xs">
              <Text fw={500}>{entry.title}</Text>
              {entry.badge && (
                <Badge size="xs" variant="light" color={entry.color}>
                  {entry.badge}
                </Badge>
              )}
            </Group>
          }
        >
          <Stack gap={2}>
            {entry.body && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {entry.body}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {entry.at.length === 10 ? format.date(entry.at) : format.dateTime(entry.at)}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
