import { type Browser, type Page, test as base, chromium } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = resolve(import.meta.dirname, '..', '..');
export const artifactsDir = join(projectRoot, 'tests', 'e2e', 'artifacts');

/** A running Rapport preview: its address (with token) and how to stop it. */
export interface Preview {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `rapport preview` on a free port and waits for its first line, which carries the address. */
export async function startPreview(dataDir: string): Promise<Preview> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'rapport.js'), 'preview', '--data-dir', dataDir, '--port', '0'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`rapport preview exited with ${code}: ${stderr}`)));
  });
  const match = /^Rapport preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/.exec(firstLine);
  if (!match?.[1] || !match[2]) throw new Error(`Unexpected first line from rapport preview: ${firstLine}`);
  return { url: match[1], token: match[2], stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Launches Debian's Chromium (Playwright downloads no browser here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Saves a full-page screenshot under tests/e2e/artifacts. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

interface RapportFixtures {
  /** A fresh, empty data folder for this test. */
  dataDir: string;
  /** Opens Rapport on `dataDir` and returns the page; call again to "restart" the app on the same data. */
  openApp: () => Promise<Page>;
}

export const test = base.extend<RapportFixtures, { browser: Browser }>({
  browser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  openApp: async ({ browser, dataDir }, use) => {
    const running: { preview: Preview; page: Page }[] = [];
    await use(async () => {
      for (const old of running.splice(0)) {
        await old.page.close();
        await old.preview.stop();
      }
      const preview = await startPreview(dataDir);
      const page = await browser.newPage({ locale: 'en-US', colorScheme: 'light', viewport: { width: 1280, height: 800 } });
      await page.goto(preview.url);
      running.push({ preview, page });
      return page;
    });
    for (const { page, preview } of running) {
      await page.close();
      await preview.stop();
    }
  },
});

export { expect } from '@playwright/test';
