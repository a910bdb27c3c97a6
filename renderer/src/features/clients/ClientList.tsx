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
import { IconAlertTriangle, IconBuilding, IconUser, IconUsersPlus } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client.ts';
import { useClientList } from './useClients.ts';

const ROW_HEIGHT = 52;

/** Every client by name, virtualized so it stays smooth with 100k rows; pages load as you scroll. */
export function ClientList({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  const list = useClientList();
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
  if (clients.length === 0) return <EmptyClients onCreate={onCreate} />;
  return (
    <VirtualRows
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
}: {
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
                <ClientRow client={client} />
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

function ClientRow({ client }: { client: Client }) {
  const { t } = useTranslation();
  const Icon = client.kind === 'company' ? IconBuilding : IconUser;
  return (
    <Group
      h="100%"
      px="md"
      gap="sm"
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Icon size={18} stroke={1.6} aria-hidden />
      <Text fw={500} truncate="end" style={{ flex: 1 }} data-testid="client-name">
        {client.name}
      </Text>
      <Badge variant="light" color={client.kind === 'company' ? 'teal' : 'grape'}>
        {t(`clients.kind.${client.kind}`)}
      </Badge>
    </Group>
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
