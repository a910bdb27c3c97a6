import { Badge, NavLink } from '@mantine/core';
import {
  IconAddressBook,
  IconCalendarCheck,
  IconChartHistogram,
  IconHome,
  IconSettings,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Screen, hrefOf, useRoute } from '../router/router.ts';

const navigation = [
  { screen: 'today', label: 'nav.today', icon: IconHome },
  { screen: 'clients', label: 'nav.clients', icon: IconUsers },
  { screen: 'contacts', label: 'nav.contacts', icon: IconAddressBook },
  { screen: 'followups', label: 'nav.followups', icon: IconCalendarCheck },
  { screen: 'deals', label: 'nav.deals', icon: IconTargetArrow },
  { screen: 'insights', label: 'nav.insights', icon: IconChartHistogram },
  { screen: 'settings', label: 'nav.settings', icon: IconSettings },
] as const satisfies readonly { screen: Screen; label: string; icon: typeof IconUsers }[];

/** The links to every screen; Today carries the number of overdue follow-ups. */
export function Navigation({ overdue, onNavigate }: { overdue: number; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { screen } = useRoute();
  return navigation.map((item) => (
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
      active={
        screen === item.screen ||
        (screen === 'client' && item.screen === 'clients') ||
        // The import wizard is opened from Settings → Import and export.
        (screen === 'import' && item.screen === 'settings')
      }
      aria-current={screen === item.screen ? 'page' : undefined}
      onClick={onNavigate}
    />
  ));
}
