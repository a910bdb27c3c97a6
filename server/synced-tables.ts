/**
 * Tables a device may sync; anything else is refused op by op. The server's one list of them: push and
 * its replay both ask here (to be derived from the entity declarations of shared/ later).
 */
export const SYNCED_TABLES: ReadonlySet<string> = new Set([
  'client',
  'team_member',
  'contact',
  'interaction',
  'followup',
  'deal',
  'payment',
  'competitor_offer',
  'service_request',
  'campaign',
  'campaign_member',
  'tag',
  'client_tag',
]);
