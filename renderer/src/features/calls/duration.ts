/** Parses a typed call duration: "5" (minutes), "5:30", "1:02:03", "90s", "2m", "1h 5m". Null if unreadable. */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 60;
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) {
    const [, hours = '0', minutes = '0', seconds = '0'] = clock;
    if (Number(seconds) >= 60) return null;
    return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  }
  const units = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$/.exec(value);
  if (units && (units[1] || units[2] || units[3])) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return null;
}

/** Seconds as "m:ss" or "h:mm:ss". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${String(h)}:${String(m).padStart(2, '0')}:${rest}` : `${String(m)}:${rest}`;
}
