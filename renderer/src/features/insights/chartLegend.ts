import type { BarChartProps } from '@mantine/charts';

/**
 * A chart's legend in the order of its series, as the bars and lines are drawn: recharts sorts legend
 * items by their name unless told not to, so "Calls, Meetings, Follow-ups on time" read as "Calls,
 * Follow-ups on time, Follow-ups overdue, Meetings" above bars in the other order.
 */
export const legendInSeriesOrder: BarChartProps['legendProps'] = { itemSorter: null };
