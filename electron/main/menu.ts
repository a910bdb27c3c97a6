import type { MenuItemTemplate } from './seam.ts';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Development build: adds reload and the developer tools. */
  isDev: boolean;
  /** Opens the "new client" form in the window. */
  onNewClient: () => void;
  /** Shows the folder that holds the database in the OS file manager. */
  onShowDataFolder: () => void;
}

const separator: MenuItemTemplate = { type: 'separator' };

/**
 * The application menu as data, so tests can read it. Standard items use Electron roles, which bring
 * the platform's own labels, shortcuts and behaviour; macOS gets its application menu first.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [appMenu(options.appName)] : []),
    fileMenu(options, mac),
    editMenu(mac),
    viewMenu(options.isDev),
    windowMenu(mac),
    helpMenu(options, mac),
  ];
}

function appMenu(appName: string): MenuItemTemplate {
  return {
    label: appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
}

function fileMenu(options: MenuOptions, mac: boolean): MenuItemTemplate {
  return {
    label: 'File',
    submenu: [
      // The page owns this shortcut (it opens the form where it is handled); the menu only shows it.
      {
        label: 'New Client…',
        accelerator: 'CmdOrCtrl+N',
        registerAccelerator: false,
        click: options.onNewClient,
      },
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function editMenu(mac: boolean): MenuItemTemplate {
  return {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemTemplate] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(isDev: boolean): MenuItemTemplate {
  const developer: MenuItemTemplate[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    { role: 'toggleDevTools' },
    separator,
  ];
  return {
    label: 'View',
    submenu: [
      ...(isDev ? developer : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
}

function windowMenu(mac: boolean): MenuItemTemplate {
  return {
    label: 'Window',
    role: 'windowMenu',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
}

function helpMenu(options: MenuOptions, mac: boolean): MenuItemTemplate {
  return {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Show Data Folder', click: options.onShowDataFolder },
      // macOS has About in the application menu.
      ...(mac
        ? []
        : [separator, { role: 'about', label: `About ${options.appName}` } satisfies MenuItemTemplate]),
    ],
  };
}
