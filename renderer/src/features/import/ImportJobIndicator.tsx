import { Anchor, Button, RingProgress } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf, useRoute } from '../../router/router.ts';
import { importWizardStore } from './importWizard.ts';

/**
 * In the header while an import runs and the user is elsewhere: how far it is, and the way back to it.
 * When it ends away from the wizard, a notification says so.
 */
export function ImportJobIndicator() {
  const { t } = useTranslation();
  const format = useFormat();
  const { screen } = useRoute();
  const { run, file } = importWizardStore.use();
  const previous = useRef(run.status);
  useEffect(() => {
    const was = previous.current;
    previous.current = run.status;
    if (was !== 'running' || run.status === 'running' || screen === 'import') return;
    const report = run.report;
    notifications.show({
      color: run.status === 'done' && report && !report.cancelled ? 'teal' : 'gray',
      title: t('transfer.indicator.finished', { file: file?.name ?? '' }),
      message: (
        <Anchor href={hrefOf('import')} size="sm">
          {report && !report.cancelled
            ? t('transfer.indicator.result', {
                created: format.number(report.created),
                updated: format.number(report.updated),
              })
            : t('transfer.indicator.see')}
        </Anchor>
      ),
    });
  }, [run.status, run.report, screen, file, t, format]);
  if (run.status !== 'running' || screen === 'import') return null;
  const total = run.progress?.rowsTotal ?? null;
  const percent = total ? Math.round(((run.progress?.rowsDone ?? 0) / total) * 100) : 0;
  return (
    <Button
      component="a"
      href={hrefOf('import')}
      variant="light"
      size="sm"
      leftSection={<RingProgress size={22} thickness={3} sections={[{ value: percent, color: 'blue' }]} />}
      aria-label={t('transfer.indicator.label', { percent })}
    >
      {t('transfer.indicator.short', { percent })}
    </Button>
  );
}
