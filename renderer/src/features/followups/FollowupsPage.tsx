import { Button, Card, Stack, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { useNow } from '../../app/useNow.ts';
import { EmptyHint, LoadError } from '../today/TodayPage.tsx';
import { FollowupItem } from './FollowupItem.tsx';

/** Far enough ahead to mean "every open follow-up". */
const FAR_FUTURE = '9999-12-31T23:59:59Z';

/** Every open follow-up, earliest due first. */
export function FollowupsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const now = useNow();
  const list = useInfiniteQuery({
    queryKey: ['followup', 'all-open'],
    queryFn: ({ pageParam }) =>
      api.call('followups.listDue', { to: FAR_FUTURE, after: pageParam, limit: 100 }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t('followups.pageTitle')}</Title>
      {list.isError && <LoadError onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <EmptyHint text={t('followups.empty')} />}
      <Card withBorder padding="xs" role="list" aria-label={t('followups.pageTitle')}>
        {items.map((followup) => (
          <FollowupItem key={followup.id} followup={followup} now={now} />
        ))}
      </Card>
      {list.hasNextPage && (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
