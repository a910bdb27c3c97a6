import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Grid,
  Group,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconPhoneCall, IconSparkles } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueFollowup } from '../../../../shared/domain/followup.ts';
import { useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { runCommand } from '../../components/commands.ts';
import { useNow } from '../../components/useNow.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { openCallLogger } from '../calls/callLoggerStore.ts';
import { FollowupItem } from '../followups/FollowupItem.tsx';
import { todayWindows } from '../followups/presets.ts';
import { LoadError } from '../../components/Feedback.tsx';

const LIST_LIMIT = 50;

/** Today: what is overdue, due today and coming up; the latest dealings; and who is going quiet. */
export function TodayPage() {
  const { t } = useTranslation();
  const now = useNow();
  const windows = todayWindows(now);
  const anyClient = useApiQuery('clients.list', { limit: 1 });
  if (anyClient.data?.items.length === 0) return <FirstLaunch />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('today.title')}</Title>
        <Button variant="light" leftSection={<IconPhoneCall size={16} />} onClick={() => openCallLogger({})}>
          {t('calls.log')}
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <DueSection
              title={t('today.overdue')}
              color="red"
              empty={t('today.overdueEmpty')}
              range={{ to: windows.now }}
              // A follow-up due on a whole day is due all that day, not overdue since midnight.
              keep={(f) => !f.allDay || new Date(f.dueAt) < windows.startOfToday}
              now={now}
            />
            <DueSection
              title={t('today.dueToday')}
              color="blue"
              empty={t('today.dueTodayEmpty')}
              range={{ from: windows.startOfToday, to: windows.startOfTomorrow }}
              keep={(f) => f.allDay || new Date(f.dueAt) >= windows.now}
              now={now}
            />
            <DueSection
              title={t('today.upcoming')}
              color="gray"
              empty={t('today.upcomingEmpty')}
              range={{ from: windows.startOfTomorrow, to: windows.endOfUpcoming }}
              now={now}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <GoingQuiet />
            <RecentInteractions />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Section({
  title,
  count,
  color,
  children,
}: {
  title: string;
  count?: number | undefined;
  color?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <Group gap="xs" mb="xs">
        <Title order={4}>{title}</Title>
        {count !== undefined && count > 0 && (
          <Badge color={color ?? 'gray'} variant="light">
            {count}
          </Badge>
        )}
      </Group>
      {children}
    </Card>
  );
}

function DueSection({
  title,
  color,
  empty,
  range,
  keep = () => true,
  now,
}: {
  title: string;
  color: string;
  empty: string;
  range: { from?: Date; to: Date };
  keep?: (followup: DueFollowup) => boolean;
  now: Date;
}) {
  const { t } = useTranslation();
  const due = useApiQuery('followups.listDue', {
    ...(range.from ? { from: range.from.toISOString() } : {}),
    to: range.to.toISOString(),
    limit: LIST_LIMIT,
  });
  const items = (due.data?.items ?? []).filter(keep);
  return (
    <Section title={title} count={items.length} color={color}>
      {due.isPending && <Skeleton height={36} />}
      {due.isError && <LoadError onRetry={() => void due.refetch()} />}
      {due.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      )}
      <div role="list" aria-label={title}>
        {items.map((followup) => (
          <FollowupItem key={followup.id} followup={followup} now={now} />
        ))}
      </div>
      {due.data?.nextCursor && (
        <Anchor href={hrefOf('followups')} size="sm">
          {t('today.seeAll')}
        </Anchor>
      )}
    </Section>
  );
}

function GoingQuiet() {
  const { t } = useTranslation();
  const format = useFormat();
  const quiet = useApiQuery('clients.list', { goingQuiet: true, sort: 'quietSince', limit: 8 });
  const items = quiet.data?.items ?? [];
  return (
    <Section title={t('today.goingQuiet')} count={items.length} color="orange">
      {quiet.isError && <LoadError onRetry={() => void quiet.refetch()} />}
      {quiet.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('today.goingQuietEmpty')}
        </Text>
      )}
      <Stack gap={6} role="list" aria-label={t('today.goingQuiet')}>
        {items.map((client) => (
          <Group key={client.id} justify="space-between" wrap="nowrap" role="listitem">
            <Anchor href={hrefOf('client', client.id)} truncate="end">
              {client.name}
            </Anchor>
            <Group gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {client.lastContactAt && t('today.lastContact', { date: format.date(client.lastContactAt) })}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={t('calls.logFor', { name: client.name })}
                onClick={() => openCallLogger({ clientId: client.id })}
              >
                <IconPhoneCall size={14} />
              </Button>
            </Group>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function RecentInteractions() {
  const { t } = useTranslation();
  const format = useFormat();
  const recent = useApiQuery('interactions.recent', { limit: 10 });
  const items = recent.data?.items ?? [];
  return (
    <Section title={t('today.recent')}>
      {recent.isError && <LoadError onRetry={() => void recent.refetch()} />}
      {recent.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('today.recentEmpty')}
        </Text>
      )}
      <Stack gap={8} role="list" aria-label={t('today.recent')}>
        {items.map((item) => (
          <Stack key={item.id} gap={0} role="listitem">
            <Group gap={6} wrap="nowrap">
              <Badge size="xs" variant="light">
                {t(`interactions.kind.${item.kind}`)}
              </Badge>
              <Anchor href={hrefOf('client', item.clientId)} size="sm" truncate="end">
                {item.clientName}
              </Anchor>
              <Text size="xs" c="dimmed" ml="auto" style={{ whiteSpace: 'nowrap' }}>
                {format.dateTime(item.occurredAt)}
              </Text>
            </Group>
            {item.summary && (
              <Text size="sm" truncate="end">
                {item.summary}
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

/** The first launch: an empty database. Offer the demo company or the first client. */
function FirstLaunch() {
  const { t } = useTranslation();
  const showError = useShowError();
  const loadDemo = useApiMutation('app.loadDemo', {
    onError: (error) => showError(error),
  });
  return (
    <Center mih="60vh">
      <Stack align="center" maw={480} gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconSparkles size={30} />
        </ThemeIcon>
        <Title order={2}>{t('welcome.title')}</Title>
        <Text c="dimmed" ta="center">
          {t('welcome.body')}
        </Text>
        <Group>
          <Button onClick={() => runCommand('clients.new')}>{t('clients.empty.action')}</Button>
          <Button
            variant="light"
            loading={loadDemo.isPending}
            onClick={() => loadDemo.mutate({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
          >
            {t('welcome.demo')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" ta="center">
          {t('welcome.demoHint')}
        </Text>
      </Stack>
    </Center>
  );
}
