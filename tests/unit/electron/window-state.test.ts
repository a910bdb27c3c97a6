import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  type WindowState,
  initialWindowState,
  loadWindowState,
  saveWindowState,
  trackWindowState,
} from '../../../electron/main/window-state.ts';
import { secureWebPreferences } from '../../../electron/main/security.ts';
import { FakeWindow } from './fake-electron.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1400 };

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rapport-window-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('saved window state', () => {
  it('comes back as it was saved', () => {
    const file = join(dir, 'window-state.json');
    const state: WindowState = { bounds: { x: 100, y: 80, width: 1200, height: 700 }, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it('is treated as absent when the file is missing, corrupt or not a window state', () => {
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file)).toBeUndefined();
    for (const text of [
      '{"bounds": {"x": 1',
      '[]',
      'null',
      '{"bounds":{"x":0,"y":0,"width":-5,"height":600},"maximized":false}',
    ]) {
      writeFileSync(file, text);
      expect(loadWindowState(file), text).toBeUndefined();
    }
  });

  it('warns once about a malformed file instead of failing', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, 'garbage');
    const warn = vi.fn();
    expect(loadWindowState(file, { warn, error: vi.fn(), info: vi.fn() })).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('where the window opens', () => {
  it('opens centered at the default size the first time (or after a corrupt file)', () => {
    expect(initialWindowState(undefined, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('opens where it was, on the display it was on', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(initialWindowState(saved, [laptop, monitorOnTheRight])).toEqual({
      x: 1600,
      y: 100,
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('moves onto the primary display when its monitor has been unplugged', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };
    const state = initialWindowState(saved, [laptop]);
    expect(state).toEqual({ width: 1400, height: 860, maximized: true });
  });

  it('is pulled fully back on screen when it hung off an edge', () => {
    const saved = { bounds: { x: 1000, y: 500, width: 1200, height: 800 }, maximized: false };
    expect(initialWindowState(saved, [laptop])).toEqual({
      x: 240,
      y: 60,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('is never opened above the top of a display, where its title bar could not be grabbed', () => {
    const saved = { bounds: { x: 100, y: -700, width: 1000, height: 800 }, maximized: false };
    const state = initialWindowState(saved, [laptop]);
    expect(state.x).toBeUndefined();
    expect(state.width).toBe(1000);
  });
});

describe('tracking the window', () => {
  it('saves once after a burst of moves, and again at once on close', () => {
    vi.useFakeTimers();
    try {
      const window = new FakeWindow({
        width: 1000,
        height: 700,
        minWidth: 800,
        minHeight: 560,
        show: false,
        title: 'Rapport',
        webPreferences: secureWebPreferences('/p.cjs', false),
      });
      const saves: WindowState[] = [];
      trackWindowState(window, (state) => saves.push(state), 500);
      for (let x = 0; x < 10; x++) {
        window.normalBounds = { x, y: 0, width: 1000, height: 700 };
        window.listeners.emit('move');
      }
      expect(saves).toEqual([]);
      vi.advanceTimersByTime(500);
      expect(saves).toEqual([{ bounds: { x: 9, y: 0, width: 1000, height: 700 }, maximized: false }]);
      window.maximized = true;
      window.listeners.emit('maximize');
      window.close();
      expect(saves.at(-1)).toEqual({ bounds: { x: 9, y: 0, width: 1000, height: 700 }, maximized: true });
      vi.advanceTimersByTime(1000);
      expect(saves).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
