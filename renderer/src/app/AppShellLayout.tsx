import { AppShell, Burger, Button, Group, Kbd, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { shortcutLabel } from '../components/shortcutLabel.ts';
import { CallLogger } from '../features/calls/CallLogger.tsx';
import { ClientPage } from '../features/client/ClientPage.tsx';
import { NewFollowupModal } from '../features/client/NewFollowupModal.tsx';
import { ClientsPage } from '../features/clients/ClientsPage.tsx';
import { ContactsPage } from '../features/contacts/ContactsPage.tsx';
import { ImportJobIndicator } from '../features/import/ImportJobIndicator.tsx';
import { ImportPage } from '../features/import/ImportPage.tsx';
import { InsightsPage } from '../features/insights/InsightsPage.tsx';
import { DealsPage } from '../features/deals/DealsPage.tsx';
import { FollowupsPage } from '../features/followups/FollowupsPage.tsx';
import { CommandPalette, openPalette } from '../features/palette/CommandPalette.tsx';
import { Reminders } from '../features/reminders/Reminders.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { ShortcutsHelp } from '../features/shortcuts/ShortcutsHelp.tsx';
import { SyncIndicator } from '../features/sync/SyncIndicator.tsx';
import { TodayPage } from '../features/today/TodayPage.tsx';
import { type Screen, useRoute } from '../router/router.ts';
import { Navigation } from './Navigation.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { useGlobalShortcuts } from './useGlobalShortcuts.ts';
import { useOverdueCount } from './useOverdueCount.ts';

const pages: Record<Screen, () => ReactNode> = {
  today: () => <TodayPage />,
  clients: () => <ClientsPage />,
  client: () => <ClientPage />,
  contacts: () => <ContactsPage />,
  followups: () => <FollowupsPage />,
  deals: () => <DealsPage />,
  insights: () => <InsightsPage />,
  settings: () => <SettingsPage />,
  import: () => <ImportPage />,
};

/** The frame of every screen: header, navigation and the current screen. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const { screen } = useRoute();
  const [opened, { toggle, close }] = useDisclosure();
  const overdue = useOverdueCount();
  useEffect(() => {
    document.title = overdue > 0 ? `(${String(overdue)}) ${t('app.name')}` : t('app.name');
  }, [overdue, t]);
  useGlobalShortcuts();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Title order={3}>{t('app.name')}</Title>
          </Group>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconSearch size={16} />}
              rightSection={<Kbd size="xs">{shortcutLabel('mod+K')}</Kbd>}
              onClick={openPalette}
              aria-label={t('palette.open')}
            >
              {t('palette.button')}
            </Button>
            <ImportJobIndicator />
            <Reminders />
            <SyncIndicator />
            <LanguageSelect />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <Navigation overdue={overdue} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>{pages[screen]()}</AppShell.Main>
      <CallLogger />
      <NewFollowupModal />
      <CommandPalette />
      <ShortcutsHelp />
    </AppShell>
  );
}
