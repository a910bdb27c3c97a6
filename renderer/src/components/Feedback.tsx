import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconMoodEmpty } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A list that could not be loaded, and the way to try again. */
export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('errors.loadFailed')}>
      <Button size="xs" variant="light" color="red" onClick={onRetry}>
        {t('errors.retry')}
      </Button>
    </Alert>
  );
}

/** A quiet line for an empty list, saying what would appear there. */
export function EmptyHint({ text }: { text: string }) {
  return (
    <Group gap="xs" c="dimmed">
      <IconMoodEmpty size={16} />
      <Text size="sm">{text}</Text>
    </Group>
  );
}

/** "Load more" under a paged list, while there is more. */
export function LoadMore({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
      {t('common.loadMore')}
    </Button>
  );
}
