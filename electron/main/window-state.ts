import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../db/logger.ts';
import type { Rectangle, WindowSeam } from './seam.ts';

/** The file in the user-data folder that remembers the window between runs. */
export const WINDOW_STATE_FILE = 'window-state.json';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** How much of the window's top must be on a display for it to count as visible (the title bar). */
const VISIBLE_EDGE = 48;

/** Where the window was and whether it was maximized; bounds are the un-maximized ones. */
export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** The geometry to open the window with; no x/y means "let the OS center it". */
export interface InitialWindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);
const WindowStateSchema = z.object({
  bounds: z.object({ x: Coordinate, y: Coordinate, width: Length, height: Length }),
  maximized: z.boolean(),
});

/** Reads the saved state; a missing, unreadable or malformed file is the same as none. */
export function loadWindowState(file: string, logger?: Logger): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: reported below like any other malformed file.
  }
  logger?.warn('Ignoring a malformed window state file', { file });
  return undefined;
}

/** Writes the state through a temporary file, so a crash mid-write never leaves a torn file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

/**
 * Places the window on the display it was on, kept whole inside that display's work area. If that
 * display is gone (an unplugged monitor), it opens centered on the primary display instead.
 * `workAreas` lists the primary display first.
 */
export function initialWindowState(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
): InitialWindowState {
  const primary = workAreas[0];
  const fallback = fitSize(DEFAULT_WINDOW_SIZE, primary);
  if (saved === undefined) return { ...fallback, maximized: false };
  const display = workAreas.find((area) => showsTitleBar(saved.bounds, area));
  if (display === undefined) return { ...fitSize(saved.bounds, primary), maximized: saved.maximized };
  const size = fitSize(saved.bounds, display);
  return {
    x: clamp(saved.bounds.x, display.x, display.x + display.width - size.width),
    y: clamp(saved.bounds.y, display.y, display.y + display.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}

function fitSize(
  size: { width: number; height: number },
  area: Rectangle | undefined,
): { width: number; height: number } {
  const maxWidth = area?.width ?? size.width;
  const maxHeight = area?.height ?? size.height;
  return {
    width: clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, maxWidth), maxWidth),
    height: clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, maxHeight), maxHeight),
  };
}

/** True when enough of the window's top edge lies inside `area` to grab it with the mouse. */
function showsTitleBar(bounds: Rectangle, area: Rectangle): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const topInside = bounds.y >= area.y && bounds.y < area.y + area.height - VISIBLE_EDGE;
  return topInside && right - left >= VISIBLE_EDGE;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Saves the window's geometry while the user moves and resizes it (debounced: those events fire many
 * times a second) and once more, at once, when it closes.
 */
export function trackWindowState(
  window: WindowSeam,
  save: (state: WindowState) => void,
  debounceMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, saveSoon);
  window.on('close', saveNow);
  window.on('closed', () => clearTimeout(timer));
}
