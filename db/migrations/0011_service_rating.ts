import type { Migration } from './migration.ts';

/**
 * The client's satisfaction with a service request, 1 to 5, recorded when it is resolved (issue 15's
 * Service page). Optional: most requests are never rated, and the old ones keep no rating.
 */
export const m0011ServiceRating: Migration = {
  version: 11,
  name: 'service-rating',
  up(sqlite) {
    sqlite.exec('ALTER TABLE service_request ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5)');
  },
};
