import type { AppError } from '../../../shared/api/errors.ts';
import { type AgingBucket, agingBuckets } from '../../../shared/domain/analytics-money.ts';
import { serviceRequestPriorities } from '../../../shared/entities/entities.ts';
import type { DrillContext } from '../drill.ts';
import { readAnalyticsSettings } from '../settings.ts';
import { campaignMemberIds } from './campaigns.ts';
import { agingClientIds, clientDiscipline, latePayerIds } from './payments.ts';
import { openRequestClientIds, requesterIds } from './service.ts';

const campaignSets = ['members', 'responders', 'buyers', 'acquired'] as const;

/**
 * The drill-down sets of Payment discipline, Campaigns and Service: `aging:<bucket>`, `latePayers`,
 * `campaign:<id>:<members|responders|buyers|acquired>`, `openRequests[:<priority>]`, `requesters`,
 * `mostRequests`.
 */
export function moneyDrillResolvers(
  unknownSet: (set: string) => AppError,
): Record<string, (context: DrillContext, rest: string[]) => string[]> {
  return {
    /** Clients with unpaid invoices in one aging bucket at the period's end. */
    aging: ({ db, scope, today }, [bucket = '']) => {
      if (!(agingBuckets as readonly string[]).includes(bucket)) throw unknownSet(`aging:${bucket}`);
      return agingClientIds(db, scope, today, bucket as AgingBucket);
    },
    /** Clients whose invoices due in the period rate "watch" or "poor". */
    latePayers: ({ db, scope, today }) => latePayerIds(clientDiscipline(db, scope, today).clients),
    /** One campaign's members, responders, buyers or newly acquired clients. */
    campaign: ({ db, scope, today }, [id = '', which = 'members']) => {
      if (!(campaignSets as readonly string[]).includes(which) || id === '')
        throw unknownSet(`campaign:${id}:${which}`);
      const days = readAnalyticsSettings(db).attributionDays;
      return campaignMemberIds(db, scope, days, today, id, which as (typeof campaignSets)[number]);
    },
    /** Clients with a service request open now, of one priority when given. */
    openRequests: ({ db, scope }, [priority]) => {
      if (priority !== undefined && !(serviceRequestPriorities as readonly string[]).includes(priority))
        throw unknownSet(`openRequests:${priority}`);
      return openRequestClientIds(db, scope, priority);
    },
    /** Clients who opened service requests in the period. */
    requesters: ({ db, scope }) => requesterIds(db, scope),
    /** The ten clients who opened the most requests in the period. */
    mostRequests: ({ db, scope }) => requesterIds(db, scope, 10),
  };
}
