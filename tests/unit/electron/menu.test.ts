import { describe, expect, it, vi } from 'vitest';
import { type MenuOptions, buildMenuTemplate } from '../../../electron/main/menu.ts';
import type { MenuItemTemplate } from '../../../electron/main/seam.ts';

function menu(overrides: Partial<MenuOptions> = {}): MenuItemTemplate[] {
  return buildMenuTemplate({
    appName: 'Rapport',
    platform: 'linux',
    isDev: false,
    onNewClient: vi.fn(),
    onShowDataFolder: vi.fn(),
    ...overrides,
  });
}

/** Every item of the menu, at any depth. */
function allItems(items: MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((item) => [item, ...allItems(item.submenu ?? [])]);
}

function roles(items: MenuItemTemplate[]): string[] {
  return allItems(items).flatMap((item) => (item.role ? [item.role] : []));
}

describe('application menu', () => {
  it('on macOS starts with the application menu, which holds About and Quit', () => {
    const template = menu({ platform: 'darwin' });
    expect(template.map((item) => item.label)).toEqual(['Rapport', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template[0]?.submenu ?? [])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
  });

  it('on Windows and Linux has no application menu; File has Quit and Help has About', () => {
    const template = menu({ platform: 'win32' });
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template[0]?.submenu ?? [])).toContain('quit');
    expect(roles(template[4]?.submenu ?? [])).toContain('about');
  });

  it('has the editing commands text fields need (copy, paste, undo…)', () => {
    expect(roles(menu())).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
  });

  it('offers no reload and no developer tools in a production build', () => {
    const production = roles(menu({ isDev: false }));
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(roles(menu({ isDev: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('keeps zoom and full screen in every build', () => {
    expect(roles(menu())).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
  });

  it('File › New Client shows Ctrl/Cmd+N, leaves the key to the page, and runs the command when clicked', () => {
    const onNewClient = vi.fn();
    const item = allItems(menu({ onNewClient })).find((i) => i.label === 'New Client…');
    expect(item).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    item?.click?.();
    expect(onNewClient).toHaveBeenCalledOnce();
  });

  it('Help › Show Data Folder opens the folder of the database', () => {
    const onShowDataFolder = vi.fn();
    allItems(menu({ onShowDataFolder }))
      .find((i) => i.label === 'Show Data Folder')
      ?.click?.();
    expect(onShowDataFolder).toHaveBeenCalledOnce();
  });
});
