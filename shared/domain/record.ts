import { Id, Timestamp } from './common.ts';

/** What every record returns besides its own fields: its id and sync timestamps. */
export const recordMeta = {
  id: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set while the record is deleted (it can be restored). */
  deletedAt: Timestamp.nullable(),
};
