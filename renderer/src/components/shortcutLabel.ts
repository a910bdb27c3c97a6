/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** How a Mantine hotkey such as `mod+N` is written for this platform: `⌘N` or `Ctrl+N`. */
export function shortcutLabel(hotkey: string): string {
  const parts = hotkey.split('+').map((p) => (p === 'mod' ? (isMac() ? '⌘' : 'Ctrl') : p.toUpperCase()));
  return isMac() ? parts.join('') : parts.join('+');
}
