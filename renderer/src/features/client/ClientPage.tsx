import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowMerge, IconDots, IconEdit, IconPhoneCall, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import type { Client } from '../../../../shared/domain/client.ts';
import { useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { shortcutLabel } from '../../components/shortcutLabel.ts';
import { useNow } from '../../components/useNow.ts';
import { useUndo } from '../../components/useUndo.tsx';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf, navigate, navigateTo, useRoute } from '../../router/router.ts';
import { openCallLogger } from '../calls/callLoggerStore.ts';
import { LoadError } from '../../components/Feedback.tsx';
import { ExportMenuItems } from '../export/ExportMenu.tsx';
import { ClientContacts } from './ClientContacts.tsx';
import { ClientHistory } from './ClientHistory.tsx';
import { ClientDeals } from './ClientDeals.tsx';
import { ClientOffers } from './ClientOffers.tsx';
import { ClientPayments } from './ClientPayments.tsx';
import { ClientRequests } from './ClientRequests.tsx';
import { ClientSolvencyBadge } from './ClientSolvencyBadge.tsx';
import { ClientTimeline } from './ClientTimeline.tsx';
import { InlineName, InlineOwner, InlineStage, InlineVip } from './InlineEdits.tsx';
import { EditClientModal } from './EditClientModal.tsx';
import { DuplicateHint } from './DuplicateHint.tsx';
import { MergeClientModal } from './MergeClientModal.tsx';
import { openNewFollowup } from './NewFollowupModal.tsx';
import { ClientLifetimeFacts } from './ClientLifetimeFacts.tsx';

const clientTabs = ['timeline', 'contacts', 'deals', 'payments', 'offers', 'requests', 'history'] as const;
type ClientTab = (typeof clientTabs)[number];

/** One client: the key facts on top, then every part of the relationship in tabs. */
export function ClientPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const id = route.id ?? '';
  const tab: ClientTab = (clientTabs as readonly string[]).includes(route.tab ?? '')
    ? (route.tab as ClientTab)
    : 'timeline';
  const client = useApiQuery(
    'clients.get',
    { id },
    { retry: (count, error) => !(error instanceof AppError && error.code === 'not_found') && count < 1 },
  );
  if (client.isPending) return <Skeleton height={120} />;
  if (client.isError) {
    if (client.error instanceof AppError && client.error.code === 'not_found') {
      const mergedInto = client.error.details?.mergedInto;
      return (
        <Stack align="flex-start">
          <Title order={2}>
            {t(typeof mergedInto === 'string' ? 'client.wasMerged' : 'client.notFound')}
          </Title>
          {typeof mergedInto === 'string' && (
            <Anchor href={hrefOf('client', mergedInto)}>{t('client.openMergedInto')}</Anchor>
          )}
          <Anchor href={hrefOf('clients')}>{t('client.backToList')}</Anchor>
        </Stack>
      );
    }
    return <LoadError onRetry={() => void client.refetch()} />;
  }
  return (
    <Stack gap="md">
      <ClientHeader client={client.data} />
      <DuplicateHint client={client.data} />
      <Tabs
        value={tab}
        onChange={(value) => value && navigateTo(hrefOf('client', id, value), { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {clientTabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`client.tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="timeline" pt="md">
          <ClientTimeline clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ClientContacts clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="deals" pt="md">
          <ClientDeals clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="md">
          <ClientPayments clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="offers" pt="md">
          <ClientOffers clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="requests" pt="md">
          <ClientRequests clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <ClientHistory entity="client" id={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ClientHeader({ client }: { client: Client }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const undo = useUndo();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const summary = useApiQuery('clients.summary', { id: client.id });
  const remove = useApiMutation('clients.delete', {
    onSuccess: () => {
      undo.offer(t('client.deleted', { name: client.name }));
      navigate('clients');
    },
  });
  useHotkeys([['mod+E', () => setEditing(true)]]);
  const revenue = summary.data?.revenue ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="xs">
            <InlineName client={client} />
            <InlineVip client={client} />
          </Group>
          <Group gap="xs">
            <InlineStage client={client} />
            <Badge variant="outline" color="gray">
              {t(`clients.kind.${client.kind}`)}
            </Badge>
            {client.segment && <Badge variant="outline">{client.segment}</Badge>}
            <ClientSolvencyBadge clientId={client.id} />
            {client.tags.map((tag) => (
              <Badge key={tag.id} color={tag.color ?? 'gray'} variant="dot">
                {tag.name}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={t('calls.logShortcut', { keys: shortcutLabel('mod+L') })}>
            <Button
              leftSection={<IconPhoneCall size={16} />}
              onClick={() => openCallLogger({ clientId: client.id })}
            >
              {t('calls.log')}
            </Button>
          </Tooltip>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => openNewFollowup(client.id)}
          >
            {t('followups.new')}
          </Button>
          <Menu position="bottom-end" width={330}>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t('common.more')}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)}>
                {t('client.edit')} ({shortcutLabel('mod+E')})
              </Menu.Item>
              <Menu.Item leftSection={<IconArrowMerge size={14} />} onClick={() => setMerging(true)}>
                {t('merge.action')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => remove.mutate({ id: client.id })}
              >
                {t('client.delete')}
              </Menu.Item>
              <Menu.Divider />
              <ExportMenuItems scope={{ clientId: client.id }} />
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Group gap="xl" mt="md">
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('client.owner')}
          </Text>
          <InlineOwner client={client} />
        </Stack>
        <Fact
          label={t('client.lastContact')}
          value={client.lastContactAt ? format.date(client.lastContactAt) : t('client.never')}
        />
        <Fact
          label={t('client.nextFollowup')}
          value={client.nextFollowupAt ? format.due(client.nextFollowupAt, now) : t('client.none')}
          color={client.nextFollowupAt && new Date(client.nextFollowupAt) < now ? 'red' : undefined}
        />
        <Fact
          label={t('client.revenue')}
          value={
            revenue.length === 0 ? '—' : revenue.map((m) => format.money(m.amount, m.currency)).join(' + ')
          }
        />
        <ClientLifetimeFacts clientId={client.id} />
        {summary.data && summary.data.openDeals > 0 && (
          <Fact label={t('client.openDeals')} value={String(summary.data.openDeals)} />
        )}
      </Group>
      <EditClientModal client={client} opened={editing} onClose={() => setEditing(false)} />
      <MergeClientModal client={client} opened={merging} onClose={() => setMerging(false)} />
    </Card>
  );
}

function Fact({ label, value, color }: { label: string; value: string; color?: string | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500} c={color}>
        {value}
      </Text>
    </Stack>
  );
}
