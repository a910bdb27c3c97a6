import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigateTo } from '../../router/router.ts';
import { InsightsFilterBar } from './InsightsFilterBar.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { ClientFiguresPage } from './pages/ClientFiguresPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { PaymentsPage } from './pages/PaymentsPage.tsx';
import { RevenuePage } from './pages/RevenuePage.tsx';
import { ServicePage } from './pages/ServicePage.tsx';
import { LifecyclePage } from './pages/LifecyclePage.tsx';
import { SalesPage } from './pages/SalesPage.tsx';
import { TeamPage } from './pages/TeamPage.tsx';
import { RetentionPage } from './pages/RetentionPage.tsx';
import { SegmentsPage } from './pages/SegmentsPage.tsx';
import { type InsightPage, insightPages, useInsights } from './useInsights.ts';
import { LifetimePage } from './pages/LifetimePage.tsx';

/** The pages built so far, each a view of the same period and filters. */
const views: Partial<Record<InsightPage, () => ReactNode>> = {
  dashboard: () => <DashboardPage />,
  revenue: () => <RevenuePage />,
  clients: () => <ClientFiguresPage />,
  payments: () => <PaymentsPage />,
  campaigns: () => <CampaignsPage />,
  service: () => <ServicePage />,
  lifecycle: () => <LifecyclePage />,
  sales: () => <SalesPage />,
  team: () => <TeamPage />,
  segments: () => <SegmentsPage />,
  retention: () => <RetentionPage />,
  lifetime: () => <LifetimePage />,
};

/** The Insights pages built so far, in the order of their tabs (the palette offers each). */
export const builtInsightPages: readonly InsightPage[] = insightPages.filter((page) => views[page]);

/** The first page of Insights: the dashboard when there is one, else the first page built. */
export const firstInsightPage: InsightPage = insightPages.find((page) => views[page]) ?? 'revenue';

/** Insights: which clients make money, what each is worth, who is leaving and what pays off. */
export function InsightsPage() {
  const { t, i18n } = useTranslation();
  const { page: asked, state, hrefOf } = useInsights();
  const page = views[asked] ? asked : firstInsightPage;
  const pages = builtInsightPages;
  return (
    <Stack gap="md" lang={i18n.language}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('insights.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('insights.subtitle')}
          </Text>
        </div>
      </Group>
      <Tabs
        value={page}
        onChange={(value) => value && navigateTo(hrefOf(value as InsightPage))}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('insights.pages')}>
          {pages.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate}>
              {t(`insights.page.${candidate}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <InsightsFilterBar key={state.preset} />
      {views[page]?.()}
    </Stack>
  );
}
