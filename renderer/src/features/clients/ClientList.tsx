import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuilding,
  IconFilterOff,
  IconStarFilled,
  IconUser,
  IconUsersPlus,
} from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, ClientListInput } from '../../../../shared/domain/client.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { stageColors } from '../client/stageColors.ts';
import { useClientList } from './useClients.ts';

const ROW_HEIGHT = 52;

/** The clients, virtualized so the list stays smooth with 100k rows; pages load as you scroll. */
export function ClientList({
  input,
  filtered,
  onClearFilters,
  onCreate,
  now,
}: {
  input: Omit<ClientListInput, 'after' | 'limit'>;
  filtered: boolean;
  onClearFilters: () => void;
  onCreate: () => void;
  now: Date;
}) {
  const { t } = useTranslation();
  const list = useClientList(input);
  const clients = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <ListSkeleton />;
  if (list.isError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('errors.loadFailed')}>
        <Text size="sm" mb="sm">
          {list.error.message}
        </Text>
        <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
          {t('errors.retry')}
        </Button>
      </Alert>
    );
  }
  if (clients.length === 0 && filtered) {
    return (
      <Center style={{ flex: 1 }}>
        <Stack align="center" gap="sm">
          <Title order={3}>{t('clients.filters.noMatch')}</Title>
          <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={onClearFilters}>
            {t('clients.filters.clear')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (clients.length === 0) return <EmptyClients onCreate={onCreate} />;
  return (
    <VirtualRows
      now={now}
      clients={clients}
      hasMore={list.hasNextPage}
      loadMore={() => !list.isFetchingNextPage && void list.fetchNextPage()}
    />
  );
}

function VirtualRows({
  clients,
  hasMore,
  loadMore,
  now,
}: {
  now: Date;
  clients: Client[];
  hasMore: boolean;
  loadMore: () => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowCount = clients.length + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- its functions are used only in this render, never handed to memoized children
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= clients.length - 1) loadMore();
  }, [hasMore, lastIndex, clients.length, loadMore]);

  return (
    <Paper
      withBorder
      ref={scrollRef}
      style={{ flex: 1, overflow: 'auto' }}
      role="list"
      aria-label={t('clients.list.label')}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const client = clients[row.index];
          return (
            <div
              key={client?.id ?? 'more'}
              role="listitem"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: row.size,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {client ? (
                <ClientRow client={client} now={now} />
              ) : (
                <Text c="dimmed" p="sm">
                  {t('clients.list.loadMore')}
                </Text>
              )}
            </div>
          );
        })}
      </div>
    </Paper>
  );
}

function ClientRow({ client, now }: { client: Client; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const Icon = client.kind === 'company' ? IconBuilding : IconUser;
  const overdue = client.nextFollowupAt !== null && new Date(client.nextFollowupAt) < now;
  return (
    <a
      href={hrefOf('client', client.id)}
      style={{ display: 'block', height: '100%', color: 'inherit', textDecoration: 'none' }}
    >
      <Group
        h="100%"
        px="md"
        gap="sm"
        wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Icon size={18} stroke={1.6} aria-label={t(`clients.kind.${client.kind}`)} />
        <Text fw={500} truncate="end" style={{ flex: 1 }} data-testid="client-name">
          {client.name}
        </Text>
        {client.vip && (
          <IconStarFilled size={14} color="var(--mantine-color-yellow-6)" aria-label={t('client.vip')} />
        )}
        <Badge variant="light" color={stageColors[client.stage]} w={90}>
          {t(`client.stage.${client.stage}`)}
        </Badge>
        <Badge
          variant="outline"
          color={client.kind === 'company' ? 'teal' : 'grape'}
          w={110}
          visibleFrom="md"
        >
          {t(`clients.kind.${client.kind}`)}
        </Badge>
        <Text size="sm" c="dimmed" w={120} ta="right" visibleFrom="sm" title={t('client.lastContact')}>
          {client.lastContactAt ? format.date(client.lastContactAt) : t('client.never')}
        </Text>
        <Text
          size="sm"
          c={overdue ? 'red' : 'dimmed'}
          w={150}
          ta="right"
          visibleFrom="sm"
          title={t('client.nextFollowup')}
        >
          {client.nextFollowupAt ? format.due(client.nextFollowupAt, now) : '—'}
        </Text>
      </Group>
    </a>
  );
}

function EmptyClients({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <Center style={{ flex: 1 }}>
      <Stack align="center" maw={420} gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconUsersPlus size={30} />
        </ThemeIcon>
        <Title order={3}>{t('clients.empty.title')}</Title>
        <Text c="dimmed" ta="center">
          {t('clients.empty.body')}
        </Text>
        <Button onClick={onCreate}>{t('clients.empty.action')}</Button>
      </Stack>
    </Center>
  );
}

function ListSkeleton() {
  return (
    <Stack gap="xs" aria-busy>
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={ROW_HEIGHT - 8} />
      ))}
    </Stack>
  );
}
