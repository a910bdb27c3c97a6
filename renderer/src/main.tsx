import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import 'dayjs/locale/ru';
import 'dayjs/locale/kk';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApiClient } from '../../shared/api/client.ts';
import { ApiProvider } from './api/ApiProvider.tsx';
import { createQueryClient } from './api/createQueryClient.ts';
import { detectTransport } from './api/transport.ts';
import { AppShellLayout } from './app/AppShellLayout.tsx';
import { StorageGate } from './features/storage/StorageGate.tsx';
import { LocalizedDates } from './i18n/LocalizedDates.tsx';
import { theme } from './app/theme.ts';
import { initI18n } from './i18n/i18n.ts';

const api = createApiClient(detectTransport());
const queryClient = createQueryClient();
const i18n = await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Notifications position="bottom-right" />
        <QueryClientProvider client={queryClient}>
          <ApiProvider api={api}>
            <LocalizedDates>
              <StorageGate>
                <AppShellLayout />
              </StorageGate>
            </LocalizedDates>
          </ApiProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
