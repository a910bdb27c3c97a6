import { z } from 'zod';

/** Every kind of record the API names: in history, undo results, change events and search results. */
export const entityNames = [
  'client',
  'teamMember',
  'contact',
  'interaction',
  'followup',
  'deal',
  'payment',
  'competitorOffer',
  'serviceRequest',
  'campaign',
  'campaignMember',
  'tag',
  'clientTag',
] as const;
export const EntityName = z.enum(entityNames);
export type EntityName = z.infer<typeof EntityName>;
