import { Button, Group, Kbd, Stack, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ClientList } from './ClientList.tsx';
import { NewClientModal } from './NewClientModal.tsx';
import { useCommand } from '../../app/commands.ts';
import { shortcutLabel } from '../../app/shortcuts.ts';

/** The Clients screen: every client by name, and the way to add one. */
export function ClientsPage() {
  const { t } = useTranslation();
  const [creating, { open, close }] = useDisclosure(false);
  useCommand('clients.new', open);
  const keys = shortcutLabel('mod+N');
  return (
    <Stack gap="md" h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={2}>{t('clients.title')}</Title>
        <Tooltip label={t('shortcuts.newClient', { keys })}>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={open}
            rightSection={<Kbd size="xs">{keys}</Kbd>}
          >
            {t('clients.new')}
          </Button>
        </Tooltip>
      </Group>
      <ClientList onCreate={open} />
      <NewClientModal opened={creating} onClose={close} />
    </Stack>
  );
}
