import type {
  AppSeam,
  CustomSchemeSeam,
  ElectronSeam,
  ForkOptions,
  FrameSeam,
  InvokeEventSeam,
  IpcMainSeam,
  MenuItemTemplate,
  PreventableEvent,
  ProtocolSeam,
  Rectangle,
  ResponseHeaders,
  SessionSeam,
  UtilityProcessSeam,
  WebContentsSeam,
  WindowOptions,
  WindowSeam,
} from '../../../electron/main/seam.ts';

/*
 * A stand-in for Electron at the seam (electron/main/seam.ts): each fake records what the app did to it
 * and lets a test fire the events Electron would fire. Nothing here loads Electron.
 */

type AnyListener = (...args: never[]) => unknown;

/** Listeners by event name, fired with whatever arguments Electron would pass. */
class Listeners {
  readonly #byEvent = new Map<string, AnyListener[]>();

  add(event: string, listener: AnyListener): void {
    this.#byEvent.set(event, [...(this.#byEvent.get(event) ?? []), listener]);
  }

  remove(event: string, listener: AnyListener): void {
    this.#byEvent.set(
      event,
      (this.#byEvent.get(event) ?? []).filter((l) => l !== listener),
    );
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#byEvent.get(event) ?? []) Reflect.apply(listener, undefined, args);
  }

  count(event: string): number {
    return this.#byEvent.get(event)?.length ?? 0;
  }
}

/** An event that remembers whether a listener cancelled it. */
export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents implements WebContentsSeam {
  readonly listeners = new Listeners();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;

  on(event: string, listener: AnyListener): this {
    this.listeners.add(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Fires 'will-navigate' as a link click or `location = url` would; reports whether it was stopped. */
  navigate(url: string): boolean {
    const event = new FakeEvent();
    this.listeners.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }

  /** Asks to open a window as `window.open(url)` would. */
  openWindow(url: string): { action: string } {
    if (this.windowOpenHandler === undefined) throw new Error('No window open handler was set.');
    return this.windowOpenHandler({ url });
  }
}

export class FakeWindow implements WindowSeam {
  readonly webContents = new FakeWebContents();
  readonly listeners = new Listeners();
  readonly calls: string[] = [];
  loaded: { file?: string; url?: string } = {};
  minimized = false;
  maximized = false;
  destroyed = false;
  normalBounds: Rectangle;
  readonly options: WindowOptions;

  constructor(options: WindowOptions) {
    this.options = options;
    this.normalBounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width,
      height: options.height,
    };
  }

  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  once(event: string, listener: () => void): this {
    const once = () => {
      this.listeners.remove(event, once);
      listener();
    };
    this.listeners.add(event, once);
    return this;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return this.normalBounds;
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file };
    return Promise.resolve();
  }

  /** Closes the window as the user would: 'close', then 'closed'. */
  close(): void {
    this.listeners.emit('close');
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.listeners.emit('closed');
  }
}

export class FakeApp implements AppSeam {
  readonly listeners = new Listeners();
  isPackaged = true;
  lockGranted = true;
  sandboxEnabled = false;
  /** Each app.quit() and whether a 'before-quit' listener held it up. */
  readonly quits: ('quit' | 'prevented')[] = [];
  readonly userData: string;
  readonly #ready: Promise<void>;
  #becomeReady: () => void = () => undefined;
  isReady = false;

  constructor(userData: string) {
    this.userData = userData;
    this.#ready = new Promise((resolve) => (this.#becomeReady = resolve));
  }

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<unknown> {
    return this.#ready;
  }
  getPath(_name: 'userData'): string {
    return this.userData;
  }
  getName(): string {
    return 'Rapport';
  }
  /** Every badge count set, in order. */
  readonly badgeCounts: number[] = [];
  setBadgeCount(count: number): boolean {
    this.badgeCounts.push(count);
    return true;
  }
  quit(): void {
    const event = new FakeEvent();
    this.listeners.emit('before-quit', event);
    this.quits.push(event.defaultPrevented ? 'prevented' : 'quit');
  }
  on(event: string, listener: AnyListener): this {
    this.listeners.add(event, listener);
    return this;
  }

  /** Electron finished starting up. */
  becomeReady(): void {
    this.isReady = true;
    this.#becomeReady();
  }
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: ResponseHeaders },
  callback: (response: { responseHeaders?: ResponseHeaders }) => void,
) => void;

export class FakeSession implements SessionSeam {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: ((webContents: unknown, permission: string) => boolean) | undefined;
  headersListener: HeadersListener | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void {
    this.permissionCheckHandler = handler;
  }

  /** What a page asking for `permission` would be told. */
  requestPermission(permission: string): boolean | undefined {
    let granted: boolean | undefined;
    this.permissionRequestHandler?.({}, permission, (answer) => (granted = answer));
    return granted;
  }

  /** The headers a response would reach the page with. */
  respond(url: string, responseHeaders: ResponseHeaders): ResponseHeaders | undefined {
    let result: ResponseHeaders | undefined;
    this.headersListener?.({ url, responseHeaders }, (response) => (result = response.responseHeaders));
    return result;
  }
}

type InvokeHandler = (event: InvokeEventSeam, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainSeam {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls `channel` as `ipcRenderer.invoke(channel, ...args)` from `frame` would. */
  invoke(channel: string, frame: FrameSeam | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, ...args);
  }
}

/** A top-level frame showing `url`. */
export function topFrame(url: string): FrameSeam {
  return { url, parent: null };
}

export class FakeUtilityProcess implements UtilityProcessSeam {
  readonly listeners = new Listeners();
  readonly received: unknown[] = [];
  killed = false;
  readonly modulePath: string;
  readonly options: ForkOptions;

  constructor(modulePath: string, options: ForkOptions) {
    this.modulePath = modulePath;
    this.options = options;
  }

  on(event: string, listener: AnyListener): this {
    this.listeners.add(event, listener);
    return this;
  }
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  kill(): boolean {
    this.killed = true;
    this.exit(15);
    return true;
  }

  /** The backend sends `message` to main. */
  reply(message: unknown): void {
    this.listeners.emit('message', message);
  }
  /** The process ends (crash, kill). */
  exit(code: number): void {
    this.listeners.emit('exit', code);
  }
}

/** Everything a test can inspect after handing `seam` to the code under test. */
/** Electron's protocol module: which schemes were made privileged, and their handlers. */
export class FakeProtocol implements ProtocolSeam {
  readonly privileged: CustomSchemeSeam[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  /** Whether the app was ready when the schemes were registered (Electron ignores them after). */
  registeredBeforeReady: boolean | undefined;

  readonly #app: FakeApp;

  constructor(app: FakeApp) {
    this.#app = app;
  }

  registerSchemesAsPrivileged(schemes: CustomSchemeSeam[]): void {
    this.registeredBeforeReady = !this.#app.isReady;
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

export interface FakeElectron {
  seam: ElectronSeam;
  app: FakeApp;
  protocol: FakeProtocol;
  session: FakeSession;
  ipcMain: FakeIpcMain;
  windows: FakeWindow[];
  processes: FakeUtilityProcess[];
  menus: MenuItemTemplate[][];
  openedExternally: string[];
  openedPaths: string[];
  errorBoxes: { title: string; content: string }[];
}

export interface FakeElectronOptions {
  userData: string;
  workAreas?: Rectangle[];
  /** Whether the OS offers safeStorage encryption (default false, as on Linux without a keyring). */
  encryption?: boolean;
  /** Replaces the default FakeUtilityProcess, e.g. with one that runs a real backend. */
  fork?: (modulePath: string, options: ForkOptions) => UtilityProcessSeam;
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const app = new FakeApp(options.userData);
  const fake: Omit<FakeElectron, 'seam'> = {
    app,
    protocol: new FakeProtocol(app),
    session: new FakeSession(),
    ipcMain: new FakeIpcMain(),
    windows: [],
    processes: [],
    menus: [],
    openedExternally: [],
    openedPaths: [],
    errorBoxes: [],
  };
  const seam: ElectronSeam = {
    app: fake.app,
    protocol: fake.protocol,
    ipcMain: fake.ipcMain,
    safeStorage: {
      isEncryptionAvailable: () => options.encryption ?? false,
      // A stand-in for the OS: reversible, and visibly not the plain text.
      encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
      decryptString: (encrypted) => {
        const text = encrypted.toString();
        if (!text.startsWith('enc:')) throw new Error('not encrypted by this keyring');
        return Buffer.from(text.slice(4), 'hex').toString();
      },
    },
    createWindow: (windowOptions) => {
      const window = new FakeWindow(windowOptions);
      fake.windows.push(window);
      return window;
    },
    setApplicationMenu: (template) => fake.menus.push(template),
    defaultSession: () => fake.session,
    forkUtilityProcess: (modulePath, _args, forkOptions) => {
      if (options.fork) return options.fork(modulePath, forkOptions);
      const child = new FakeUtilityProcess(modulePath, forkOptions);
      fake.processes.push(child);
      return child;
    },
    displayWorkAreas: () => options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1040 }],
    openExternal: (url) => {
      fake.openedExternally.push(url);
      return Promise.resolve();
    },
    openPath: (path) => {
      fake.openedPaths.push(path);
      return Promise.resolve('');
    },
    showErrorBox: (title, content) => fake.errorBoxes.push({ title, content }),
  };
  return { ...fake, seam };
}
