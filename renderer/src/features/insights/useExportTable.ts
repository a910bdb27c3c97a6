import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorText } from '../../i18n/errors.ts';
import { downloadFile } from '../export/downloadFile.ts';
import type { FigureTableData } from './FigureTable.ts';

/** Saves a table behind a chart as CSV or .xlsx, exactly as shown, and downloads it. */
export function useExportTable() {
  const api = useApi();
  const { t } = useTranslation();
  const errorText = useErrorText();
  return async <Row>(table: FigureTableData<Row>, format: 'csv' | 'xlsx'): Promise<void> => {
    const id = `insights-export-${uuidv7()}`;
    try {
      const made = await api.call('exports.table', {
        name: fileNameOf(table.name),
        columns: table.columns.map((column) => ({ header: column.header, kind: column.kind })),
        rows: table.rows.map((row) => table.columns.map((column) => column.value(row))),
        format,
      });
      await downloadFile(api, made.fileId);
      notifications.show({
        id,
        color: 'teal',
        title: t('transfer.export.done'),
        message: t('transfer.export.saved', { name: made.name, rows: made.rows }),
      });
    } catch (error) {
      const { form, fields } = errorText(error);
      notifications.show({
        id,
        color: 'red',
        autoClose: false,
        title: t('transfer.export.failed'),
        message: form ?? (Object.values(fields).join(' ') || t('errors.unexpected')),
      });
    }
  };
}

/** A table's title as a file name: control characters and those a file system refuses become spaces. */
function fileNameOf(title: string): string {
  const name = title.replace(/[\\/:*?"<>|]/g, ' ').replace(/\p{Cc}/gu, ' ');
  return name.trim().slice(0, 100) || 'Rapport';
}
