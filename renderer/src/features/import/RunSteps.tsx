import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowLeft,
  IconCircleCheck,
  IconFileImport,
  IconRefresh,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { hrefOf } from '../../router/router.ts';
import { downloadFile } from '../export/downloadFile.ts';
import { importSettingsHref } from './ImportExportSettings.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { JobProgressBar } from './JobProgressBar.tsx';
import { type ImportToUndo, UndoImportModal } from './UndoImportModal.tsx';
import { WizardFooter } from './WizardFooter.tsx';
import { useImportText } from './importText.ts';
import { type ImportWizardState, runInput, type useImportWizard } from './importWizard.ts';

type Wizard = ReturnType<typeof useImportWizard>;

/** The client list, newest first: where the clients an import created are at the top. */
const newestClients = hrefOf('clients', null, null, new URLSearchParams({ sort: 'created', desc: '1' }));

/** "Save rejected rows as a file": the file's own columns plus a reason, to fix and import again. */
function useSaveRejected(state: ImportWizardState) {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const input = runInput(state);
      if (!input) return;
      const made = await api.call('imports.rejectedFile', input);
      await downloadFile(api, made.fileId);
    },
  });
}

/** The fourth step: the dry run (progress, then what an import would do), and the way to import. */
export function CheckStep({ wizard }: { wizard: Wizard }) {
  const { t } = useTranslation();
  const text = useImportText();
  const { state } = wizard;
  const { check } = state;
  const saveRejected = useSaveRejected(state);
  const [cancelling, setCancelling] = useState(false);
  const report = check.status === 'done' ? check.report : null;
  const importable = report !== null && !report.cancelled && report.created + report.updated > 0;
  return (
    <Stack gap="md">
      <Title order={3}>{t('transfer.check.title')}</Title>
      {check.status === 'running' && (
        <Card withBorder>
          <JobProgressBar
            label={t('transfer.check.running')}
            progress={check.progress}
            cancelling={cancelling}
            onCancel={() => {
              setCancelling(true);
              void wizard.cancel('check').finally(() => setCancelling(false));
            }}
          />
        </Card>
      )}
      {check.status === 'failed' && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('transfer.check.failed')}>
          <Stack gap="xs" align="flex-start">
            {text.failure(check.error)}
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconRefresh size={14} />}
              onClick={() => void wizard.startCheck()}
            >
              {t('errors.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {report?.cancelled && (
        <Alert color="gray" title={t('transfer.check.cancelled')}>
          <Button size="xs" variant="light" onClick={() => void wizard.startCheck()}>
            {t('transfer.check.again')}
          </Button>
        </Alert>
      )}
      {report && !report.cancelled && (
        <>
          <ImportReportView
            report={report}
            onSaveRejected={() => saveRejected.mutate()}
            saving={saveRejected.isPending}
          />
          {saveRejected.isError && (
            <Alert color="red" title={t('transfer.report.saveRejectedFailed')}>
              {text.failure(saveRejected.error)}
            </Alert>
          )}
          {!importable && (
            <Alert color="yellow" title={t('transfer.check.nothingTitle')}>
              {report.rejected > 0 && report.skipped === 0
                ? t('transfer.check.nothingRejected')
                : t('transfer.check.nothingSkipped')}
            </Alert>
          )}
        </>
      )}
      <WizardFooter
        back={
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            onClick={() => wizard.goTo('matching')}
          >
            {t('transfer.back')}
          </Button>
        }
        next={
          <Button
            leftSection={<IconFileImport size={16} />}
            disabled={!importable}
            onClick={() => void wizard.startImport()}
          >
            {t('transfer.check.import')}
          </Button>
        }
      />
    </Stack>
  );
}

/** The fifth step: the import running, with its progress and Cancel; the rest of the app stays usable. */
export function ImportStep({ wizard }: { wizard: Wizard }) {
  const { t } = useTranslation();
  const text = useImportText();
  const { run, check } = wizard.state;
  const [cancelling, setCancelling] = useState(false);
  return (
    <Stack gap="md">
      <Title order={3}>{t('transfer.run.title', { file: wizard.state.file?.name ?? '' })}</Title>
      {run.status === 'running' && (
        <Card withBorder>
          <Stack>
            <JobProgressBar
              label={t('transfer.run.running')}
              progress={run.progress}
              expectedRows={check.report?.rows}
              cancelling={cancelling}
              onCancel={() => {
                setCancelling(true);
                void wizard.cancel('run').finally(() => setCancelling(false));
              }}
            />
            <Text size="sm" c="dimmed">
              {t('transfer.run.keepWorking')}
            </Text>
          </Stack>
        </Card>
      )}
      {run.status === 'failed' && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('transfer.run.failed')}>
          <Stack gap="xs" align="flex-start">
            {text.failure(run.error)}
            <Button size="xs" variant="light" color="red" onClick={() => wizard.goTo('check')}>
              {t('transfer.back')}
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/** The end: what the import did (rows in = created + updated + skipped + rejected), where to see it, Undo. */
export function DoneStep({ wizard }: { wizard: Wizard }) {
  const { t } = useTranslation();
  const text = useImportText();
  const { state } = wizard;
  const report = state.run.report;
  const saveRejected = useSaveRejected(state);
  const [undoing, setUndoing] = useState<ImportToUndo | null>(null);
  // Undone here, or since from Settings → Import and export (or another window).
  const runs = useApiQuery('imports.list', {});
  const undone =
    state.undone ||
    (runs.data?.items.some((run) => run.id === report?.importId && run.status === 'undone') ?? false);
  if (!report) return null;
  if (report.cancelled)
    return (
      <Stack gap="md" align="flex-start">
        <Alert color="gray" title={t('transfer.done.cancelledTitle')} w="100%">
          {t('transfer.done.cancelled')}
        </Alert>
        <Group>
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            onClick={() => wizard.goTo('check')}
          >
            {t('transfer.done.backToCheck')}
          </Button>
          <Button variant="subtle" onClick={() => wizard.startOver()}>
            {t('transfer.done.another')}
          </Button>
        </Group>
      </Stack>
    );
  return (
    <Stack gap="md">
      <Group gap="xs">
        <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" aria-hidden />
        <Title order={3}>
          {undone
            ? t('transfer.done.undoneTitle')
            : t('transfer.done.title', { file: state.file?.name ?? '' })}
        </Title>
      </Group>
      {undone && (
        <Alert color="gray" data-testid="import-undone">
          {t('transfer.done.undone')}
        </Alert>
      )}
      <ImportReportView
        report={report}
        onSaveRejected={() => saveRejected.mutate()}
        saving={saveRejected.isPending}
      />
      {saveRejected.isError && (
        <Alert color="red" title={t('transfer.report.saveRejectedFailed')}>
          {text.failure(saveRejected.error)}
        </Alert>
      )}
      <Group>
        {!undone && (
          <Button component="a" href={newestClients} leftSection={<IconUsers size={16} />}>
            {t('transfer.done.openClients')}
          </Button>
        )}
        {!undone && report.importId && report.created + report.updated > 0 && (
          <Button
            variant="light"
            color="red"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={() =>
              setUndoing({
                id: report.importId ?? '',
                fileName: state.file?.name ?? '',
                created: report.created,
                updated: report.updated,
              })
            }
          >
            {t('transfer.done.undo')}
          </Button>
        )}
        <Button
          variant="default"
          leftSection={<IconFileImport size={16} />}
          onClick={() => wizard.startOver()}
        >
          {t('transfer.done.another')}
        </Button>
      </Group>
      {!undone && (
        <Text size="sm" c="dimmed">
          {t('transfer.done.historyHint')}{' '}
          <Anchor href={importSettingsHref} size="sm">
            {t('transfer.done.pastImports')}
          </Anchor>
        </Text>
      )}
      <UndoImportModal run={undoing} onClose={() => setUndoing(null)} onUndone={wizard.markUndone} />
    </Stack>
  );
}
