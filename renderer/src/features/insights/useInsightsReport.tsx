import { Skeleton } from '@mantine/core';
import type { ReactElement } from 'react';
import type { Method, MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AnalyticsScope } from '../../../../shared/domain/analytics.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { InsightsProblem } from './InsightsProblem.tsx';
import { useMoney, usePercent } from './useInsights.ts';

/** The analytics methods whose answers state their scope (period, currency, clients). */
type ScopedMethod = {
  [M in Method]: MethodOutput<M> extends { scope: AnalyticsScope } ? M : never;
}[Method];

/**
 * An Insights page's answer with what every page writes it with (money in the answer's currency,
 * percentages, the user's number and date formats), and what to show until it is there: a skeleton
 * while it loads, the problem in words when it cannot be computed.
 */
export function useInsightsReport<M extends ScopedMethod>(
  method: M,
  input: MethodInput<M>,
): {
  data: MethodOutput<M> | undefined;
  fallback: ReactElement;
  money: (amount: number) => string;
  percent: ReturnType<typeof usePercent>;
  format: ReturnType<typeof useFormat>;
} {
  const report = useApiQuery(method, input);
  const data = report.data;
  const money = useMoney((data as { scope: AnalyticsScope } | undefined)?.scope.currency ?? null);
  const percent = usePercent();
  const format = useFormat();
  const fallback = report.error ? <InsightsProblem error={report.error} /> : <Skeleton h={400} />;
  return { data, fallback, money, percent, format };
}
