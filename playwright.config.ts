import { defineConfig } from '@playwright/test';

/**
 * End-to-end specs drive the production build. By default they run in Debian's Chromium against the
 * browser preview (`rapport preview`); with RAPPORT_E2E_TARGET=electron the same specs drive the real
 * desktop app (needs the Electron binary).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
