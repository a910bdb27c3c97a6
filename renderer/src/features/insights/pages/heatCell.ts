/**
 * The background of a heatmap cell: a shade of teal as strong as the value's share of the largest,
 * with text that stays readable on it. No value, no shade.
 */
export function heatCellStyle(value: number | null, max: number): React.CSSProperties {
  if (value === null || max <= 0 || value <= 0) return {};
  const strength = Math.min(1, value / max);
  return {
    backgroundColor: `color-mix(in srgb, var(--mantine-color-teal-6) ${String(Math.round(10 + strength * 75))}%, transparent)`,
    color: strength > 0.55 ? 'var(--mantine-color-white)' : undefined,
    fontVariantNumeric: 'tabular-nums',
  };
}
