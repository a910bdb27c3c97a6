import { dirname, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import type { ErrorInfo } from '../../shared/api/errors.ts';
import { storageProblemOf } from '../../shared/api/storage-problem.ts';
import type { Logger } from '../../db/logger.ts';
import { BACKEND_EXEC_ARGV } from '../../db/backend-exec-argv.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { type BackendHost, startBackendHost } from './backend-host.ts';
import { loadSecretKey } from './secret-key.ts';
import { forwardEvent, registerIpcRelay } from './ipc-relay.ts';
import {
  type RendererSource,
  bringToFront,
  createMainWindow,
  sendAppCommand,
  rendererUrl,
} from './main-window.ts';
import { buildMenuTemplate } from './menu.ts';
import { appUrlMatcher, devContentSecurityPolicy, hardenSession, isTrustedSender } from './security.ts';
import type { ElectronSeam, WindowSeam } from './seam.ts';

/** The built files the shell loads, as absolute paths. */
export interface AppPaths {
  /** out/preload/index.cjs */
  preload: string;
  /** out/renderer/index.html */
  rendererIndex: string;
  /** out/main/backend.js, run in the utility process. */
  backendModule: string;
}

export interface StartAppOptions {
  paths: AppPaths;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  logger: Logger;
}

/** What the running app knows once it is ready. */
interface Shell {
  window: WindowSeam | undefined;
  backend: BackendHost | undefined;
  /** Set once the backend has been asked to stop, so quitting stops it once. */
  stopping: Promise<void> | undefined;
  /** Opens the window; set once the app is ready. */
  openWindow: (() => WindowSeam) | undefined;
}

/**
 * Runs the desktop app: one instance per user, one window, the backend in a utility process. Resolves
 * once the window is open (or at once if another instance already runs).
 */
export async function startApp(seam: ElectronSeam, options: StartAppOptions): Promise<void> {
  const { app } = seam;
  if (!app.requestSingleInstanceLock()) {
    // Another Rapport is running; it comes to the front through its 'second-instance' event.
    app.quit();
    return;
  }
  app.enableSandbox();
  // Privileges of a scheme can only be given before 'ready'.
  seam.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const shell: Shell = { window: undefined, backend: undefined, stopping: undefined, openWindow: undefined };
  watchLifecycle(seam, shell, options.platform);
  await app.whenReady();
  startShell(seam, shell, options);
}

function watchLifecycle(seam: ElectronSeam, shell: Shell, platform: NodeJS.Platform): void {
  const { app } = seam;
  app.on('second-instance', () => {
    if (shell.window) bringToFront(shell.window);
    else shell.openWindow?.();
  });
  // On macOS an app lives on without windows, until the user quits it.
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (shell.window === undefined) shell.openWindow?.();
  });
  app.on('before-quit', (event) => {
    const backend = shell.backend;
    if (backend === undefined || shell.stopping) return;
    // Let the backend close the database first, then quit for real.
    event.preventDefault();
    shell.stopping = backend.stop().finally(() => app.quit());
  });
}

function startShell(seam: ElectronSeam, shell: Shell, options: StartAppOptions): void {
  const isDev = !seam.app.isPackaged;
  const renderer = rendererSource(options, isDev);
  const isAppUrl = appUrlMatcher(rendererUrl(renderer));
  const dataDir = dataDirOf(seam, options.env);
  hardenSession(
    seam.defaultSession(),
    renderer.kind === 'dev-server' ? devContentSecurityPolicy(renderer.url) : CONTENT_SECURITY_POLICY,
  );
  seam.protocol.handle(APP_SCHEME, createAppProtocolHandler(dirname(options.paths.rendererIndex)));
  const backend = startBackend(seam, shell, options, dataDir);
  shell.backend = backend;
  registerIpcRelay({
    ipcMain: seam.ipcMain,
    isTrustedSender: (frame) => isTrustedSender(frame, isAppUrl),
    invoke: (method, input) => backend.invoke(method, input),
    logger: options.logger,
  });
  const openWindow = () => {
    const window = createMainWindow(seam, {
      preloadPath: options.paths.preload,
      renderer,
      isAppUrl,
      allowDevTools: isDev,
      logger: options.logger,
    });
    shell.window = window;
    window.on('closed', () => (shell.window = undefined));
    return window;
  };
  shell.openWindow = openWindow;
  setMenu(seam, shell, { platform: options.platform, isDev, dataDir });
  openWindow();
}

function startBackend(
  seam: ElectronSeam,
  shell: Shell,
  options: StartAppOptions,
  dataDir: string,
): BackendHost {
  return startBackendHost({
    fork: () =>
      seam.forkUtilityProcess(options.paths.backendModule, [], {
        serviceName: 'Rapport backend',
        stdio: 'inherit',
        execArgv: [...BACKEND_EXEC_ARGV],
      }),
    dataDir,
    secretKey: loadSecretKey(seam.safeStorage, dataDir),
    logger: options.logger,
    onEvent: (event) => {
      if (event.event === 'followups.overdue') seam.app.setBadgeCount(event.payload.count);
      forwardEvent(shell.window?.webContents, event);
    },
    onFatal: (error) => failFatally(seam, error),
  });
}

function setMenu(
  seam: ElectronSeam,
  shell: Shell,
  context: { platform: NodeJS.Platform; isDev: boolean; dataDir: string },
): void {
  const template = buildMenuTemplate({
    appName: seam.app.getName(),
    platform: context.platform,
    isDev: context.isDev,
    onNewClient: () => {
      if (shell.window) sendAppCommand(shell.window, 'clients.new');
      else shell.openWindow?.();
    },
    onShowDataFolder: () => void seam.openPath(context.dataDir),
  });
  seam.setApplicationMenu(template);
}

/**
 * The dev server address comes from electron-vite; a packaged app ignores it, so nothing in the
 * environment can make it load a page from elsewhere.
 */
function rendererSource(options: StartAppOptions, isDev: boolean): RendererSource {
  const devServer = options.env.ELECTRON_RENDERER_URL;
  if (isDev && devServer) return { kind: 'dev-server', url: devServer };
  return { kind: 'app' };
}

/** The OS user-data folder, as for the CLI (db/paths.ts), unless RAPPORT_DATA_DIR points elsewhere. */
function dataDirOf(seam: ElectronSeam, env: NodeJS.ProcessEnv): string {
  return env.RAPPORT_DATA_DIR ? resolve(env.RAPPORT_DATA_DIR) : seam.app.getPath('userData');
}

/**
 * Without its database the app can do nothing useful: say why, then quit. A storage problem (a full
 * disk, a read-only folder, an empty file with a backup) is said by the window instead, in the user's
 * language, where a backup can be restored (renderer/src/features/storage).
 */
function failFatally(seam: ElectronSeam, error: ErrorInfo): void {
  if (storageProblemOf(error)?.when === 'opening') return;
  seam.showErrorBox('Rapport cannot start', error.message);
  seam.app.quit();
}
