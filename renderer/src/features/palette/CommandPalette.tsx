import { Badge, Group, Text, useMantineColorScheme } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import {
  IconBuilding,
  IconCalendarPlus,
  IconChartHistogram,
  IconDatabaseExport,
  IconFileImport,
  IconKeyboard,
  IconLanguage,
  IconMessage,
  IconPhoneCall,
  IconPlus,
  IconSearch,
  IconSunMoon,
  IconUser,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../../shared/i18n/index.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { runCommand } from '../../components/commands.ts';
import { openShortcutsHelp } from '../shortcuts/ShortcutsHelp.tsx';
import { changeLanguage } from '../../i18n/i18n.ts';
import { hrefOf, navigateTo, openClient, useRoute } from '../../router/router.ts';
import { openCallLogger } from '../calls/callLoggerStore.ts';
import { openNewFollowup } from '../client/NewFollowupModal.tsx';
import { useExport } from '../export/useExport.ts';
import { openImportWizard } from '../import/importWizard.ts';
import { builtInsightPages } from '../insights/InsightsPage.tsx';

interface PaletteAction {
  id: string;
  label: string;
  description?: string | null;
  icon: ReactNode;
  badge?: string;
  run: () => void;
}

const kindIcons = { client: IconBuilding, contact: IconUser, interaction: IconMessage } as const;

/**
 * The command palette (Ctrl/⌘+K): jump to any client or contact by a few letters of a name, phone or
 * email (search.query), and run actions: log a call, new client, import a file, export everything, switch
 * language or theme.
 */
export function CommandPalette() {
  const { t } = useTranslation();
  const route = useRoute();
  const { setColorScheme } = useMantineColorScheme();
  const exportFile = useExport();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 80);
  const found = useApiQuery(
    'search.query',
    { text: debounced, limitPerKind: 6 },
    { enabled: debounced !== '', placeholderData: (previous) => previous },
  );
  const currentClient = route.screen === 'client' ? route.id : null;
  const actions: PaletteAction[] = [
    {
      id: 'log-call',
      label: t('calls.log'),
      icon: <IconPhoneCall size={18} />,
      run: () => openCallLogger({ clientId: currentClient }),
    },
    {
      id: 'new-client',
      label: t('clients.new'),
      icon: <IconPlus size={18} />,
      run: () => runCommand('clients.new'),
    },
    {
      id: 'new-followup',
      label: t('followups.new'),
      icon: <IconCalendarPlus size={18} />,
      run: () => openNewFollowup(currentClient),
    },
    {
      id: 'import-file',
      label: t('transfer.palette.import'),
      icon: <IconFileImport size={18} />,
      run: openImportWizard,
    },
    {
      id: 'export-all',
      label: t('transfer.palette.exportAll'),
      icon: <IconDatabaseExport size={18} />,
      run: () => void exportFile({ type: 'all', format: 'json' }),
    },
    ...builtInsightPages.map((page) => ({
      id: `insights-${page}`,
      label: t('insights.palette', { page: t(`insights.page.${page}`) }),
      icon: <IconChartHistogram size={18} />,
      run: () => navigateTo(hrefOf('insights', page)),
    })),
    ...languages.map((language) => ({
      id: `language-${language.code}`,
      label: t('palette.language', { language: language.name }),
      icon: <IconLanguage size={18} />,
      run: () => void changeLanguage(language.code),
    })),
    ...(['light', 'dark', 'auto'] as const).map((scheme) => ({
      id: `theme-${scheme}`,
      label: t('palette.theme', { theme: t(`theme.${scheme}`) }),
      icon: <IconSunMoon size={18} />,
      run: () => setColorScheme(scheme),
    })),
    {
      id: 'shortcuts',
      label: t('shortcuts.title'),
      icon: <IconKeyboard size={18} />,
      run: openShortcutsHelp,
    },
  ];
  const lowered = query.trim().toLowerCase();
  const matchingActions = actions.filter(
    (action) => lowered === '' || action.label.toLowerCase().includes(lowered),
  );
  const records: PaletteAction[] = (debounced === '' ? [] : (found.data?.groups ?? [])).flatMap((group) =>
    group.items.map((item) => {
      const Icon = kindIcons[item.entity];
      return {
        id: `${item.entity}-${item.id}`,
        label: item.title,
        description: item.snippet ?? item.subtitle,
        icon: <Icon size={18} />,
        badge: t(`search.kind.${item.entity}`),
        run: () => openClient(item.clientId, item.entity === 'contact' ? 'contacts' : undefined),
      };
    }),
  );
  const all = [...records, ...matchingActions];
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={480}>
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} />}
        aria-label={t('palette.placeholder')}
      />
      <Spotlight.ActionsList>
        {all.map((action) => (
          <Spotlight.Action key={action.id} onClick={action.run} data-testid="palette-item">
            <Group wrap="nowrap" gap="sm" w="100%">
              {action.icon}
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text truncate="end">{action.label}</Text>
                {action.description && (
                  <Text size="xs" c="dimmed" truncate="end">
                    {action.description}
                  </Text>
                )}
              </div>
              {action.badge && (
                <Badge size="xs" variant="light">
                  {action.badge}
                </Badge>
              )}
            </Group>
          </Spotlight.Action>
        ))}
        {all.length === 0 && <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

export const openPalette = () => spotlight.open();
