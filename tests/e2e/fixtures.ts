import {
  type Browser,
  type ElectronApplication,
  type Page,
  _electron,
  test as base,
  chromium,
} from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ApiClient } from '../../shared/api/client.ts';
import { openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';

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
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'bin', 'rapport.js'), 'preview', '--data-dir', dataDir, '--port', '0'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page screenshot under tests/e2e/artifacts. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

interface RapportFixtures {
  /** Opens Rapport on `dataDir` and returns the page; call again to "restart" the app on the same data. */
  openApp: () => Promise<Page>;
}

/** Where the specs run: the browser preview (default) or the real desktop app (needs the Electron binary). */
export const e2eTarget = process.env.RAPPORT_E2E_TARGET === 'electron' ? 'electron' : 'preview';

/** One running app under test, whatever the target. */
interface RunningApp {
  page: Page;
  stop(): Promise<void>;
}

/** `dataDir`: a fresh, empty data folder for this test. */
const withDataDir = base.extend<{ dataDir: string }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Gives each test `openApp`, which (re)starts the app on the test's data folder, stopping the previous one. */
function openAppFixture(launch: (dataDir: string) => Promise<RunningApp>) {
  return async ({ dataDir }: { dataDir: string }, use: (openApp: () => Promise<Page>) => Promise<void>) => {
    const running: RunningApp[] = [];
    const stopAll = async () => {
      for (const app of running.splice(0)) await app.stop();
    };
    await use(async () => {
      await stopAll();
      const app = await launch(dataDir);
      running.push(app);
      return app.page;
    });
    await stopAll();
  };
}

const previewTest = withDataDir.extend<RapportFixtures, { browser: Browser }>({
  browser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  openApp: async ({ browser, dataDir }, use) => {
    await openAppFixture(async (dir) => {
      const preview = await startPreview(dir);
      const page = await browser.newPage({
        locale: 'en-US',
        colorScheme: 'light',
        viewport: { width: 1280, height: 800 },
      });
      await page.goto(preview.url);
      return {
        page,
        stop: async () => {
          await page.close();
          await preview.stop();
        },
      };
    })({ dataDir }, use);
  },
});

/**
 * Starts the desktop app on `dataDir` and returns its first window: the packaged app when
 * RAPPORT_ELECTRON_EXECUTABLE points at it (e.g. release/linux-unpacked/rapport), else the built
 * project (out/main/index.js) with the Electron binary from node_modules.
 */
async function launchElectron(dataDir: string): Promise<RunningApp> {
  const packaged = process.env.RAPPORT_ELECTRON_EXECUTABLE;
  const app: ElectronApplication = await _electron.launch({
    ...(packaged ? { executablePath: packaged, args: [] } : { args: [projectRoot] }),
    cwd: projectRoot,
    env: { ...process.env, RAPPORT_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { page, stop: () => app.close() };
}

const electronTest = withDataDir.extend<RapportFixtures>({
  openApp: async ({ dataDir }, use) => {
    await openAppFixture(launchElectron)({ dataDir }, use);
  },
});

export const test = e2eTarget === 'electron' ? electronTest : previewTest;

export { expect } from '@playwright/test';

/**
 * Fills the test's data folder through the API before the app opens on it (the app must not be running:
 * it reads what is there when it starts, like after a day of work).
 */
export async function seedData<T>(dataDir: string, fill: (api: ApiClient) => Promise<T>): Promise<T> {
  const backend = await openBackend({
    dataDir,
    dailyBackups: false,
    logger: { info() {}, warn() {}, error() {} },
  });
  try {
    return await fill(createDirectClient(backend));
  } finally {
    backend.close();
  }
}
