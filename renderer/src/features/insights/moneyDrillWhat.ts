import type { TFunction } from 'i18next';

const campaignWords = {
  members: 'insights.drill.campaignMembers',
  responders: 'insights.drill.campaignResponders',
  buyers: 'insights.drill.campaignBuyers',
  acquired: 'insights.drill.campaignAcquired',
} as const;

/**
 * Words for the drill-down sets of Payment discipline, Campaigns and Service whose part after the colon
 * is a code (an aging bucket, a campaign id, a priority); `null` for the other sets.
 */
export function moneyDrillWhat(t: TFunction, name: string, rest: readonly string[]): string | null {
  const [value] = rest;
  if (name === 'aging' && value !== undefined)
    return value === 'notDue'
      ? t('insights.drill.agingNotDue')
      : t('insights.drill.aging', { value: t(`insights.aging.${value}`, { defaultValue: value }) });
  if (name === 'campaign') {
    const which = rest.at(-1) ?? 'members';
    return which in campaignWords ? t(campaignWords[which as keyof typeof campaignWords]) : null;
  }
  if (name === 'openRequests' && value !== undefined)
    return t('insights.drill.openRequestsOf', {
      value: t(`requests.priorityValue.${value}`, { defaultValue: value }),
    });
  return null;
}
