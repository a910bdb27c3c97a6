import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ApiClient } from '../../shared/api/client.ts';
import { catalogs, languages } from '../../shared/i18n/index.ts';
import { ApiProvider } from '../../renderer/src/api/ApiProvider.tsx';
import { createQueryClient } from '../../renderer/src/api/createQueryClient.ts';

/** Gives jsdom what a browser has and Mantine needs, and starts i18next in English. Call in beforeAll. */
export async function prepareDom(): Promise<void> {
  // Assigned, as jsdom leaves them out.
  Object.assign(window, {
    matchMedia: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
  Object.assign(globalThis, {
    ResizeObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
  Object.assign(Element.prototype, { scrollIntoView: () => undefined });
  // Autosizing text areas wait for web fonts.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget() });
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(languages.map(({ code }) => [code, { translation: catalogs[code] }])),
    lng: 'en',
    interpolation: { escapeValue: false },
  });
}

/** The providers of renderer/src/main.tsx around `children`, on `api` and a query cache (the app's by default). */
export function withProviders(
  api: ApiClient,
  children: ReactNode,
  queryClient: QueryClient = createQueryClient(),
) {
  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider env="test">
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <ApiProvider api={api}>{children}</ApiProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

/** Renders `children` as the app would, on `api`; returns the query cache so a test can render more on it. */
export function renderUi(
  api: ApiClient,
  children: ReactNode,
  queryClient: QueryClient = createQueryClient(),
) {
  const result = render(withProviders(api, children, queryClient));
  return { ...result, queryClient };
}
