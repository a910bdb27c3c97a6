import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { ConflictItem } from './ConflictItem.tsx';

/** The conflict inbox: both versions of a text that lost a concurrent edit; keep one, or combine them. */
export function Conflicts() {
  const { t } = useTranslation();
  const conflicts = useApiQuery('sync.conflicts', {});
  const items = conflicts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" mt="md" role="region" aria-label={t('sync.conflictsTitle')}>
      <Title order={5}>{t('sync.conflictsTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('sync.conflictsHint')}
      </Text>
      {items.map((conflict) => (
        <ConflictItem key={conflict.id} conflict={conflict} />
      ))}
    </Stack>
  );
}
