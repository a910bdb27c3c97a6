import { Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import {
  IconBraces,
  IconChevronDown,
  IconDatabaseExport,
  IconFileImport,
  IconFileSpreadsheet,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefOf, useRoute } from '../../router/router.ts';
import { useExport } from '../export/useExport.ts';
import { PastImports } from './PastImports.tsx';
import { openImportWizard } from './importWizard.ts';

/** Where Settings → Import and export is: links from the wizard open Settings scrolled to it. */
export const importSettingsHref = hrefOf('settings', null, null, new URLSearchParams({ section: 'import' }));

/** Settings → Import and export: bring a file in, take everything out, and the imports made so far. */
export function ImportExportSettings() {
  const { t } = useTranslation();
  const exportFile = useExport();
  const { screen, query } = useRoute();
  const card = useRef<HTMLDivElement>(null);
  const wanted = screen === 'settings' && query.get('section') === 'import';
  useEffect(() => {
    if (wanted) card.current?.scrollIntoView({ block: 'start' });
  }, [wanted]);
  return (
    <Card withBorder ref={card}>
      <Title order={4} mb={4}>
        {t('transfer.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('transfer.settings.hint')}
      </Text>
      <Stack gap="md">
        <Group gap="sm">
          <Button leftSection={<IconFileImport size={16} />} onClick={openImportWizard}>
            {t('transfer.settings.import')}
          </Button>
          <Menu position="bottom-start" width={300}>
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconDatabaseExport size={16} />}
                rightSection={<IconChevronDown size={14} />}
              >
                {t('transfer.settings.exportAll')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconBraces size={16} />}
                onClick={() => void exportFile({ type: 'all', format: 'json' })}
              >
                {t('transfer.settings.exportJson')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconFileSpreadsheet size={16} />}
                onClick={() => void exportFile({ type: 'all', format: 'xlsx' })}
              >
                {t('transfer.settings.exportXlsx')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Stack gap="xs">
          <Title order={5}>{t('transfer.past.title')}</Title>
          <PastImports />
        </Stack>
      </Stack>
    </Card>
  );
}
