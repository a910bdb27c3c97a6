import type { EntityName } from '../../shared/domain/entities.ts';
import type { SyncedTable } from './synced-tables.ts';

/** The table behind each API entity name. */
export const tableOfEntity = {
  client: 'client',
  teamMember: 'team_member',
  contact: 'contact',
  interaction: 'interaction',
  followup: 'followup',
  deal: 'deal',
  payment: 'payment',
  competitorOffer: 'competitor_offer',
  serviceRequest: 'service_request',
  campaign: 'campaign',
  campaignMember: 'campaign_member',
  tag: 'tag',
  clientTag: 'client_tag',
} as const satisfies Record<EntityName, SyncedTable>;

const entityOfTable = Object.fromEntries(
  Object.entries(tableOfEntity).map(([entity, table]) => [table, entity]),
) as Record<SyncedTable, EntityName>;

/** The API entity name of a synced table. */
export function entityOfSyncedTable(table: SyncedTable): EntityName {
  return entityOfTable[table];
}
