import type { MenuItemConstructorOptions } from 'electron';

/*
 * The one place main-process code touches Electron. Every other module of electron/main receives an
 * ElectronSeam (or a part of it) as a parameter, so unit tests pass fakes and never need the Electron
 * binary. The interfaces list only what Rapport uses; the real objects satisfy them structurally.
 */

/** An event whose default action a listener may cancel (navigation, quitting, attaching a webview). */
export interface PreventableEvent {
  preventDefault(): void;
}

/** A rectangle in screen coordinates (DIPs). */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frame that sent an IPC message: its current address and, for sub-frames, its parent. */
export interface FrameSeam {
  readonly url: string;
  readonly parent: FrameSeam | null;
}

/** The renderer-facing part of `webContents`. */
export interface WebContentsSeam {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export type WindowEventName =
  'ready-to-show' | 'close' | 'closed' | 'resize' | 'move' | 'maximize' | 'unmaximize';

/** The part of `BrowserWindow` Rapport drives. */
export interface WindowSeam {
  readonly webContents: WebContentsSeam;
  on(event: WindowEventName, listener: () => void): unknown;
  once(event: WindowEventName, listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rectangle;
  loadURL(url: string): Promise<void>;
}

/** The web preferences Rapport sets; see security.ts for why each one has its value. */
export interface WebPreferences {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  experimentalFeatures: boolean;
  webviewTag: boolean;
  navigateOnDragDrop: boolean;
  safeDialogs: boolean;
  spellcheck: boolean;
  devTools: boolean;
}

export interface WindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  webPreferences: WebPreferences;
}

/** The part of `app` Rapport uses. */
export interface AppSeam {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  getName(): string;
  /** The number on the dock icon (macOS) or launcher (Linux); 0 removes it. */
  setBadgeCount(count: number): boolean;
  quit(): void;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
}

/** Response headers as Electron's webRequest passes them. */
export type ResponseHeaders = Record<string, string[]>;

/** The part of a `Session` the hardening configures. */
export interface SessionSeam {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: ResponseHeaders },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

/** What an IPC handler learns about the caller. */
export interface InvokeEventSeam {
  readonly senderFrame: FrameSeam | null;
}

export interface IpcMainSeam {
  handle(channel: string, listener: (event: InvokeEventSeam, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A forked utility process, seen from main. */
export interface UtilityProcessSeam {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export interface ForkOptions {
  serviceName: string;
  stdio: 'inherit' | 'pipe' | 'ignore';
  /** Node and V8 options of the process (Electron passes them to its Node). */
  execArgv: string[];
}

/** A menu entry; a subset of Electron's MenuItemConstructorOptions, checked against it below. */
export interface MenuItemTemplate {
  label?: string;
  role?: NonNullable<MenuItemConstructorOptions['role']>;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  /** False: show the shortcut but let the keystroke reach the page, which handles it itself. */
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** Electron's safeStorage: strings encrypted with a key the OS keeps for this user. */
export interface SafeStorageSeam {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The scheme privileges Rapport asks for (electron/main/app-protocol.ts says which and why). */
export interface CustomSchemeSeam {
  scheme: string;
  privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean };
}

/** Electron's `protocol`: the app's own scheme instead of file://. */
export interface ProtocolSeam {
  /** Only before the app is ready. */
  registerSchemesAsPrivileged(schemes: CustomSchemeSeam[]): void;
  /** Serves a scheme in the default session; only once the app is ready. */
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface ElectronSeam {
  readonly app: AppSeam;
  readonly protocol: ProtocolSeam;
  readonly safeStorage: SafeStorageSeam;
  readonly ipcMain: IpcMainSeam;
  createWindow(options: WindowOptions): WindowSeam;
  setApplicationMenu(template: MenuItemTemplate[]): void;
  /** The default session; only valid once the app is ready. */
  defaultSession(): SessionSeam;
  forkUtilityProcess(modulePath: string, args: string[], options: ForkOptions): UtilityProcessSeam;
  /** Work areas of all displays (primary first); only valid once the app is ready. */
  displayWorkAreas(): Rectangle[];
  openExternal(url: string): Promise<void>;
  /** Opens a folder in the OS file manager; resolves with an error message, or '' on success. */
  openPath(path: string): Promise<string>;
  showErrorBox(title: string, content: string): void;
}

/**
 * Loads the real Electron module and adapts it to the seam. The import is dynamic so that merely
 * importing this file (for its types) never loads Electron.
 */
export async function loadElectronSeam(): Promise<ElectronSeam> {
  const electron = await import('electron');
  const { app, BrowserWindow, Menu, ipcMain, utilityProcess, shell, dialog, safeStorage, protocol } =
    electron;
  return {
    app,
    protocol,
    safeStorage,
    ipcMain,
    createWindow: (options) => new BrowserWindow(options),
    setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
    defaultSession: () => electron.session.defaultSession,
    forkUtilityProcess: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    displayWorkAreas: () => {
      const primary = electron.screen.getPrimaryDisplay();
      const others = electron.screen.getAllDisplays().filter((display) => display.id !== primary.id);
      return [primary, ...others].map((display) => display.workArea);
    },
    openExternal: (url) => shell.openExternal(url),
    openPath: (path) => shell.openPath(path),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
  };
}
