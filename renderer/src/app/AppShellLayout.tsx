import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Select,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { IconMoon, IconSettings, IconSun, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Language, isLanguage, languages } from '../../../shared/i18n/index.ts';
import { ClientsPage } from '../features/clients/ClientsPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { useApi } from '../api/ApiProvider.tsx';
import { changeLanguage } from '../i18n/i18n.ts';
import { runCommand } from './commands.ts';
import { type Screen, hrefOf, useScreen } from '../router/router.ts';

const navigation = [
  { screen: 'clients', label: 'nav.clients', icon: IconUsers },
  { screen: 'settings', label: 'nav.settings', icon: IconSettings },
] as const satisfies readonly { screen: Screen; label: string; icon: typeof IconUsers }[];

/** The frame of every screen: header, navigation and the current screen. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const screen = useScreen();
  const [opened, { toggle, close }] = useDisclosure();
  const api = useApi();
  // Also from inside a text field: right after saving, focus may still sit in the form that is closing.
  useHotkeys([['mod+N', () => runCommand('clients.new')]], []);
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
            active={screen === item.screen}
            aria-current={screen === item.screen ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{screen === 'settings' ? <SettingsPage /> : <ClientsPage />}</AppShell.Main>
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
