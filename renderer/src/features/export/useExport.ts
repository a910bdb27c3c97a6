import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { downloadFile } from './downloadFile.ts';

/** What to export: everything but the job id and the language, which the hook adds. */
export type ExportRequest = Omit<MethodInput<'exports.run'>, 'jobId' | 'language'>;

/**
 * Exports and downloads a file, saying so in one notification that follows the job (rows done), then
 * names the saved file, or says what went wrong. Column headers come in the user's language.
 */
export function useExport() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { language } = format;
  return async (request: ExportRequest): Promise<MethodOutput<'exports.run'> | null> => {
    const jobId = uuidv7();
    const id = `export-${jobId}`;
    const running = (message: string) => ({
      id,
      loading: true,
      autoClose: false as const,
      withCloseButton: false,
      title: t('transfer.export.running'),
      message,
    });
    notifications.show(running(t('transfer.export.preparing')));
    const stop = api.on('job.progress', (progress) => {
      if (progress.jobId !== jobId) return;
      notifications.update(
        running(
          progress.rowsTotal
            ? t('transfer.progress.rowsOf', {
                done: format.number(progress.rowsDone),
                total: format.number(progress.rowsTotal),
              })
            : t('transfer.progress.rows', { done: format.number(progress.rowsDone) }),
        ),
      );
    });
    try {
      const made = await api.call('exports.run', { ...request, jobId, language });
      notifications.update(running(t('transfer.export.downloading', { name: made.name })));
      await downloadFile(api, made.fileId);
      notifications.update({
        id,
        loading: false,
        color: 'teal',
        autoClose: 6000,
        withCloseButton: true,
        title: t('transfer.export.done'),
        message: t('transfer.export.saved', { name: made.name, rows: format.number(made.rows) }),
      });
      return made;
    } catch (error) {
      const { form, fields } = errorText(error);
      notifications.update({
        id,
        loading: false,
        color: 'red',
        autoClose: false,
        withCloseButton: true,
        title: t('transfer.export.failed'),
        message: form ?? (Object.values(fields).join(' ') || t('errors.unexpected')),
      });
      return null;
    } finally {
      stop();
    }
  };
}
