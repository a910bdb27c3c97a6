import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../../components/shortcutLabel.ts';
import { createStore } from '../../components/createStore.ts';

/** Every keyboard shortcut, for the help sheet and tooltips. */
const shortcutList = [
  ['mod+K', 'shortcuts.palette'],
  ['mod+L', 'shortcuts.logCall'],
  ['mod+N', 'shortcuts.newClientPlain'],
  ['mod+E', 'shortcuts.editClient'],
  ['mod+1', 'shortcuts.nextTomorrow'],
  ['mod+2', 'shortcuts.nextThreeDays'],
  ['mod+3', 'shortcuts.nextWeek'],
  ['Enter', 'shortcuts.save'],
  ['mod+/', 'shortcuts.help'],
  ['alt+1', 'shortcuts.goToday'],
  ['alt+2', 'shortcuts.goClients'],
  ['alt+3', 'shortcuts.goFollowups'],
] as const;

const open = createStore(false);
export const openShortcutsHelp = () => open.set(true);

/** The shortcuts help sheet (Ctrl/⌘+/). */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const opened = open.use();
  return (
    <Modal opened={opened} onClose={() => open.set(false)} title={t('shortcuts.title')} centered>
      <Stack>
        <Table aria-label={t('shortcuts.title')}>
          <Table.Tbody>
            {shortcutList.map(([keys, label]) => (
              <Table.Tr key={keys}>
                <Table.Td>{t(label)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <Kbd>{keys === 'Enter' ? 'Enter' : shortcutLabel(keys)}</Kbd>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('shortcuts.hint')}
        </Text>
      </Stack>
    </Modal>
  );
}
