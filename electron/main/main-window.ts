import { join } from 'node:path';
import type { Logger } from '../../db/logger.ts';
import type { BackendEvent, EventPayload } from '../../shared/api/events.ts';
import { IPC_CHANNELS } from '../ipc-channels.ts';
import { APP_INDEX_URL } from './app-protocol.ts';
import { hardenWebContents, secureWebPreferences } from './security.ts';
import type { ElectronSeam, WindowSeam } from './seam.ts';
import {
  MIN_WINDOW_SIZE,
  WINDOW_STATE_FILE,
  type WindowState,
  initialWindowState,
  loadWindowState,
  saveWindowState,
  trackWindowState,
} from './window-state.ts';

/**
 * Where the page comes from: the built files under the app's own scheme (app-protocol.ts), or the
 * electron-vite dev server during development.
 */
export type RendererSource = { kind: 'app' } | { kind: 'dev-server'; url: string };

/** The address the page has once loaded (without its #route). */
export function rendererUrl(source: RendererSource): string {
  return source.kind === 'app' ? APP_INDEX_URL : source.url;
}

export interface MainWindowOptions {
  preloadPath: string;
  renderer: RendererSource;
  isAppUrl: (url: string) => boolean;
  allowDevTools: boolean;
  logger: Logger;
}

/**
 * Opens the app's window where the user left it, locked down (security.ts), hidden until its first
 * paint so it never flashes blank.
 */
export function createMainWindow(seam: ElectronSeam, options: MainWindowOptions): WindowSeam {
  const stateFile = join(seam.app.getPath('userData'), WINDOW_STATE_FILE);
  const { maximized, ...geometry } = initialWindowState(
    loadWindowState(stateFile, options.logger),
    seam.displayWorkAreas(),
  );
  const window = seam.createWindow({
    ...geometry,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: seam.app.getName(),
    webPreferences: secureWebPreferences(options.preloadPath, options.allowDevTools),
  });
  hardenWebContents(window.webContents, options.isAppUrl, (url) => {
    seam
      .openExternal(url)
      .catch((error: unknown) => options.logger.warn('Could not open a link', { url, error: String(error) }));
  });
  trackWindowState(window, (state) => saveQuietly(stateFile, state, options.logger));
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  loadRenderer(window, options.renderer).catch((error: unknown) => {
    options.logger.error('Could not load the app page', { error: String(error) });
  });
  return window;
}

function loadRenderer(window: WindowSeam, source: RendererSource): Promise<void> {
  return window.loadURL(rendererUrl(source));
}

/** Losing the window position (full disk, read-only profile) is not worth interrupting the user for. */
function saveQuietly(file: string, state: WindowState, logger: Logger): void {
  try {
    saveWindowState(file, state);
  } catch (error) {
    logger.warn('Could not save the window position', { file, error: String(error) });
  }
}

/** Brings the window to the front, un-minimizing it (a second launch, a menu command). */
type AppCommand = EventPayload<'app.command'>['command'];

export function bringToFront(window: WindowSeam): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Asks the UI to run a command (the menu's "New client…"). It travels on the event channel the preload
 * already exposes, so the menu needs no IPC channel of its own.
 */
export function sendAppCommand(window: WindowSeam, command: AppCommand): void {
  bringToFront(window);
  const event: BackendEvent = { event: 'app.command', payload: { command } };
  window.webContents.send(IPC_CHANNELS.event, event);
}
