import { m0001Clients } from './0001_clients.ts';
import { m0002ChangeLog } from './0002_change_log.ts';
import { m0003ClientDetails } from './0003_client_details.ts';
import { m0004Entities } from './0004_entities.ts';
import { m0005Search } from './0005_search.ts';
import { m0006ClientQuiet } from './0006_client_quiet.ts';
import { m0007ClientRevenue } from './0007_client_revenue.ts';
import { m0008Sync } from './0008_sync.ts';
import { m0009Merge } from './0009_merge.ts';
import { m0010Import } from './0010_import.ts';
import { m0011ServiceRating } from './0011_service_rating.ts';
import { m0012Analytics } from './0012_analytics.ts';
import { m0013AnalyticsClients } from './0013_analytics_clients.ts';
import { m0014InteractionCostByClient } from './0014_interaction_cost_by_client.ts';
import type { Migration } from './migration.ts';

/**
 * Every migration, in order. A static list, never read from a folder at run time: the packed app lives
 * in an asar archive.
 */
export const migrations: readonly Migration[] = [
  m0001Clients,
  m0002ChangeLog,
  m0003ClientDetails,
  m0004Entities,
  m0005Search,
  m0006ClientQuiet,
  m0007ClientRevenue,
  m0008Sync,
  m0009Merge,
  m0010Import,
  m0011ServiceRating,
  m0012Analytics,
  m0013AnalyticsClients,
  m0014InteractionCostByClient,
];

/** The schema version this build of Rapport writes. */
export const LATEST_SCHEMA_VERSION = migrations.length;
