import { Alert, Button, Group, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileImport, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import { useImportText } from './importText.ts';
import type { ImportWizardState } from './importWizard.ts';

/** What the file picker offers first; any file can still be chosen or dropped. */
const ACCEPTED = '.csv,.tsv,.txt,.xlsx,.vcf,.vcard,.json';

/**
 * The first step: drop a file or choose one (the button is the keyboard's way in), then watch it upload.
 * Nothing is written to the client base until the last step.
 */
export function FileStep({
  upload,
  onFile,
}: {
  upload: ImportWizardState['upload'];
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useImportText();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  const percent = upload && upload.size > 0 ? Math.round((upload.sent / upload.size) * 100) : 0;
  return (
    <Stack gap="md">
      <Paper
        withBorder
        radius="md"
        p="xl"
        data-testid="import-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-color-blue-filled)' : undefined,
          background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
        }}
      >
        <Stack align="center" gap="sm" py="lg">
          <ThemeIcon size={56} radius="xl" variant="light">
            <IconFileImport size={32} />
          </ThemeIcon>
          <Title order={3}>{t('transfer.file.drop')}</Title>
          <Text c="dimmed" ta="center" maw={560}>
            {t('transfer.file.formats')}
          </Text>
          <Button leftSection={<IconUpload size={16} />} onClick={() => input.current?.click()} size="md">
            {t('transfer.file.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept={ACCEPTED}
            hidden
            data-testid="import-file-input"
            aria-label={t('transfer.file.choose')}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              // Cleared, so choosing the same file again (after fixing it) still counts as a choice.
              event.currentTarget.value = '';
              if (file) onFile(file);
            }}
          />
          <Text size="sm" c="dimmed" ta="center" maw={560}>
            {t('transfer.file.safe')}
          </Text>
        </Stack>
      </Paper>
      {upload && !upload.error && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text fw={500}>{t('transfer.file.uploading', { name: upload.name })}</Text>
            <Text size="sm" c="dimmed">
              {t('transfer.file.uploaded', {
                sent: format.number(Math.round(upload.sent / 1024)),
                size: format.number(Math.round(upload.size / 1024)),
              })}
            </Text>
          </Group>
          <Progress
            value={percent}
            size="lg"
            animated
            aria-label={t('transfer.file.uploading', { name: upload.name })}
          />
        </Stack>
      )}
      {upload?.error !== undefined && upload.error !== null && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={16} />}
          title={t('transfer.file.failed', { name: upload.name })}
        >
          {text.failure(upload.error)}
        </Alert>
      )}
    </Stack>
  );
}
