import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  Kbd,
  NavLink,
  Select,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { type ReactNode, useEffect } from 'react';
import {
  IconAddressBook,
  IconCalendarCheck,
  IconHome,
  IconMoon,
  IconSearch,
  IconSettings,
  IconSun,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Language, isLanguage, languages } from '../../../shared/i18n/index.ts';
import { CallLogger } from '../features/calls/CallLogger.tsx';
import { openCallLogger } from '../features/calls/callLoggerStore.ts';
import { ClientPage } from '../features/client/ClientPage.tsx';
import { NewFollowupModal } from '../features/client/NewFollowupModal.tsx';
import { ClientsPage } from '../features/clients/ClientsPage.tsx';
import { ContactsPage } from '../features/contacts/ContactsPage.tsx';
import { DealsPage } from '../features/deals/DealsPage.tsx';
import { FollowupsPage } from '../features/followups/FollowupsPage.tsx';
import { CommandPalette, openPalette } from '../features/palette/CommandPalette.tsx';
import { Reminders } from '../features/reminders/Reminders.tsx';
import { SyncIndicator } from '../features/sync/SyncIndicator.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { TodayPage } from '../features/today/TodayPage.tsx';
import { useApi } from '../api/ApiProvider.tsx';
import { useApiCache, useApiQuery } from '../api/useApiQuery.ts';
import { changeLanguage } from '../i18n/i18n.ts';
import { runCommand } from './commands.ts';
import { ShortcutsHelp, openShortcutsHelp } from './ShortcutsHelp.tsx';
import { shortcutLabel } from './shortcuts.ts';
import { type Screen, hrefOf, navigate, useRoute } from '../router/router.ts';

const navigation = [
  { screen: 'today', label: 'nav.today', icon: IconHome },
  { screen: 'clients', label: 'nav.clients', icon: IconUsers },
  { screen: 'contacts', label: 'nav.contacts', icon: IconAddressBook },
  { screen: 'followups', label: 'nav.followups', icon: IconCalendarCheck },
  { screen: 'deals', label: 'nav.deals', icon: IconTargetArrow },
  { screen: 'settings', label: 'nav.settings', icon: IconSettings },
] as const satisfies readonly { screen: Screen; label: string; icon: typeof IconUsers }[];

const pages: Record<Screen, () => ReactNode> = {
  today: () => <TodayPage />,
  clients: () => <ClientsPage />,
  client: () => <ClientPage />,
  contacts: () => <ContactsPage />,
  followups: () => <FollowupsPage />,
  deals: () => <DealsPage />,
  settings: () => <SettingsPage />,
};

/** The number of overdue follow-ups: asked once, then kept current by the backend's announcements. */
function useOverdueCount(): number {
  const api = useApi();
  const cache = useApiCache();
  const count = useApiQuery('followups.overdueCount', {});
  useEffect(
    () => api.on('followups.overdue', (payload) => cache.set('followups.overdueCount', {}, payload)),
    [api, cache],
  );
  return count.data?.count ?? 0;
}

/** The frame of every screen: header, navigation and the current screen. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const route = useRoute();
  const screen = route.screen;
  const [opened, { toggle, close }] = useDisclosure();
  const api = useApi();
  const overdue = useOverdueCount();
  useEffect(() => {
    document.title = overdue > 0 ? `(${String(overdue)}) ${t('app.name')}` : t('app.name');
  }, [overdue, t]);
  const logCall = () => openCallLogger({ clientId: route.screen === 'client' ? route.id : null });
  // Also from inside a text field: right after saving, focus may still sit in the form that is closing.
  useHotkeys(
    [
      ['mod+N', () => runCommand('clients.new')],
      ['mod+L', logCall],
      ['mod+slash', openShortcutsHelp],
      ['alt+1', () => navigate('today')],
      ['alt+2', () => navigate('clients')],
      ['alt+3', () => navigate('followups')],
    ],
    [],
  );
  // The desktop menu sends its commands as events (Electron only; the preview never does).
  useEffect(() => api.on('app.command', ({ command }) => runCommand(command)), [api]);
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
            <SyncIndicator />
            <LanguageSelect />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {navigation.map((item) => (
          <NavLink
            key={item.screen}
            href={hrefOf(item.screen)}
            label={t(item.label)}
            leftSection={<item.icon size={18} stroke={1.6} />}
            rightSection={
              item.screen === 'today' && overdue > 0 ? (
                <Badge size="sm" color="red" aria-label={t('nav.overdue', { count: overdue })}>
                  {overdue}
                </Badge>
              ) : undefined
            }
            active={screen === item.screen || (screen === 'client' && item.screen === 'clients')}
            aria-current={screen === item.screen ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{pages[screen]()}</AppShell.Main>
      <CallLogger />
      <NewFollowupModal />
      <CommandPalette />
      <ShortcutsHelp />
      <Reminders />
    </AppShell>
  );
}

/** Picks the UI language; the change applies at once. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('language.label')}
      size="xs"
      w={130}
      allowDeselect={false}
      value={i18n.language}
      data={languages.map((l) => ({ value: l.code, label: l.name }))}
      onChange={(value) => value && isLanguage(value) && void changeLanguage(value satisfies Language)}
    />
  );
}

function ThemeToggle() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const dark = colorScheme === 'dark';
  return (
    <Tooltip label={t('theme.toggle')}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t('theme.toggle')}
        onClick={() => setColorScheme(dark ? 'light' : 'dark')}
      >
        {dark ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
