import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import type { JobProgress } from './importWizard.ts';

/**
 * How far a dry run or an import is: a bar, the rows done of all, the rate and the time left (from the
 * backend's `job.progress`), and Cancel. Before the first report the bar runs without a measure.
 */
export function JobProgressBar({
  label,
  progress,
  expectedRows,
  onCancel,
  cancelling,
}: {
  label: string;
  progress: JobProgress | null;
  /** The rows the dry run counted, when the backend does not know the total yet. */
  expectedRows?: number | undefined;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = progress?.rowsTotal ?? expectedRows ?? null;
  const done = progress?.rowsDone ?? 0;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <Stack gap="xs" data-testid="job-progress">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={500}>{label}</Text>
        {percent !== null && <Text fw={500}>{t('transfer.progress.percent', { percent })}</Text>}
      </Group>
      <Progress
        size="lg"
        value={percent ?? 100}
        animated
        striped={percent === null}
        aria-label={label}
        aria-valuetext={
          total
            ? t('transfer.progress.rowsOf', { done: format.number(done), total: format.number(total) })
            : t('transfer.progress.rows', { done: format.number(done) })
        }
      />
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" data-testid="job-rows">
          {total
            ? t('transfer.progress.rowsOf', { done: format.number(done), total: format.number(total) })
            : t('transfer.progress.rows', { done: format.number(done) })}
          {progress && progress.rowsPerSecond > 0
            ? ` · ${t('transfer.progress.rate', { rate: format.number(progress.rowsPerSecond) })}`
            : ''}
          {progress && progress.secondsLeft !== null
            ? ` · ${t('transfer.progress.left', { time: format.seconds(progress.secondsLeft) })}`
            : ''}
        </Text>
        <Button
          variant="light"
          color="red"
          size="xs"
          leftSection={<IconPlayerStop size={14} />}
          onClick={onCancel}
          loading={cancelling}
        >
          {t('transfer.progress.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
