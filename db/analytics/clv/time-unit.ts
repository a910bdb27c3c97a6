/** The unit the models count time in: recency, age and the horizon of predictions. */
export type TimeUnit = 'week' | 'day';

/** Every time unit, for parsing a user's choice. */
export const timeUnits: readonly TimeUnit[] = ['week', 'day'];

/** How many days one unit is. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'week' ? 7 : 1;
}

/**
 * How many units make one month in the lifetime-value sum: lifetimes' own factors (4.345 weeks, 30 days),
 * kept so that the values REFERENCE.md §5 and §7 print can be reproduced.
 */
export function unitsPerMonth(unit: TimeUnit): number {
  return unit === 'week' ? 4.345 : 30;
}
