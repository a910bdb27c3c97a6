import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiInfiniteQuery } from '../../api/useApiQuery.ts';
import { useNow } from '../../components/useNow.ts';
import { EmptyHint, LoadError, LoadMore } from '../../components/Feedback.tsx';
import { FollowupItem } from './FollowupItem.tsx';
import { openNewFollowup } from '../client/NewFollowupModal.tsx';

/** Far enough ahead to mean "every open follow-up". */
const FAR_FUTURE = '2199-12-31T00:00:00Z';

/** Every open follow-up, earliest due first. */
export function FollowupsPage() {
  const { t } = useTranslation();
  const now = useNow();
  const list = useApiInfiniteQuery('followups.listDue', { to: FAR_FUTURE, limit: 100 });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('followups.pageTitle')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => openNewFollowup(null)}>
          {t('followups.new')}
        </Button>
      </Group>
      {list.isError && <LoadError onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <EmptyHint text={t('followups.empty')} />}
      <Card withBorder padding="xs" role="list" aria-label={t('followups.pageTitle')}>
        {items.map((followup) => (
          <FollowupItem key={followup.id} followup={followup} now={now} />
        ))}
      </Card>
      <LoadMore list={list} />
    </Stack>
  );
}
