import { z } from 'zod';

/** A record id: a UUID made on the device that created the record. */
export const Id = z.uuid({ message: 'Must be a record id (UUID).' });

/** An ISO-8601 timestamp in UTC, as stored. */
export const Timestamp = z.iso.datetime({ offset: false });

/** Input of methods that take nothing. */
export const NoInput = z.strictObject({});

/** Input of methods that address one record. */
export const ById = z.strictObject({ id: Id });

/** Keyset pagination: an opaque cursor from the previous page and a page size. */
export const PageRequest = z.strictObject({
  after: z.string().max(1000).nullish(),
  limit: z.number().int().min(1).max(500).default(50),
});

/** A page of items plus the cursor of the next page (`null` at the end). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
