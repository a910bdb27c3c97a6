/**
 * The Pareto axis's ticks: every quarter up to 100 %, and on where the top clients bring more than all
 * of the profit (the others lose money) and the axis runs to the highest share (`top`, at least 1).
 * Left to recharts, a curve ending at 100 % got an axis of 120 %, and one reaching 100.4 % a tick
 * reading "100,4 %".
 */
export function quarterTicks(top: number): number[] {
  const quarters = Number.isFinite(top) ? Math.max(4, Math.floor(top * 4)) : 4;
  return Array.from({ length: quarters + 1 }, (_, i) => i / 4);
}
