import { Alert, Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  type StorageProblemDetails,
  describeStorageProblem,
  storageProblemOf,
} from '../../../../shared/api/storage-problem.ts';
import { catalogs } from '../../../../shared/i18n/index.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useLanguage } from '../../i18n/useFormat.ts';

/**
 * Shows the app, unless its database could not be opened because of the disk, the file or the folder
 * (shared/api/storage-problem.ts): then a page that says what is wrong and what to do, instead of every
 * screen failing on its own.
 */
export function StorageGate({ children }: { children: ReactNode }) {
  const info = useApiQuery('app.info', {}, { retry: false });
  const problem = info.error instanceof AppError ? storageProblemOf(info.error) : undefined;
  if (problem?.when === 'opening') return <StorageProblemPage problem={problem} />;
  return children;
}

/** What is wrong with the database's storage, what to do, and the restore of the newest backup if that helps. */
export function StorageProblemPage({ problem }: { problem: StorageProblemDetails }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: () => api.call('app.restoreNewestBackup', {}),
    // The database is open now: ask again, and the gate lets the app through.
    onSuccess: () => queryClient.resetQueries(),
  });
  const canRestore = problem.storage === 'empty_database' && problem.newestBackup !== undefined;
  return (
    <Center mih="100vh" p="xl">
      <Stack maw={640} role="alert">
        <Title order={2}>
          <IconDatabaseOff size={28} /> {t('storage.openingTitle')}
        </Title>
        <Text>{describeStorageProblem(problem, catalogs[language], { withCommand: false })}</Text>
        {canRestore ? (
          <Button loading={restore.isPending} onClick={() => restore.mutate()}>
            {t('storage.restoreNewest')}
          </Button>
        ) : (
          <Text c="dimmed">{t('storage.quitHint')}</Text>
        )}
        {problem.newestBackup !== undefined && <Code block>{problem.newestBackup}</Code>}
        {restore.error && <Alert color="red">{errorText(restore.error).form}</Alert>}
      </Stack>
    </Center>
  );
}
