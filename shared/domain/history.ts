import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { EntityName } from './entities.ts';

/** The kinds of record whose history can be shown and undone: every entity. */
export const HistoryEntity = EntityName;
export type HistoryEntity = EntityName;

export const HistoryForRecordInput = z.strictObject({
  entity: HistoryEntity,
  id: Id,
  /** `nextBefore` of the previous page. */
  before: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** One field of a record changed: who, when, from what, to what. */
export const HistoryEntry = z.object({
  seq: z.number().int(),
  /** Changes made by one action share it. */
  txnId: z.string(),
  at: Timestamp,
  /** The field, named as the entity's API names it; `createdAt` marks the creation of the record. */
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  userId: z.string().nullable(),
  deviceId: z.string(),
  /** `local`: made here; `undo`: an undo made here; `remote`: came from another device. */
  origin: z.enum(['local', 'undo', 'remote', 'sync']),
  /** Reverted by a later undo. */
  undone: z.boolean(),
  /** The file this change was imported from, when an import on this laptop made it. */
  importedFrom: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryPage = z.object({
  items: z.array(HistoryEntry),
  nextBefore: z.number().int().nullable(),
});

export const UndoResult = z.object({
  /** What was undone; `null` when there was nothing left to undo. */
  undone: z
    .object({
      txnId: z.string(),
      records: z.array(z.object({ entity: HistoryEntity, id: Id })),
    })
    .nullable(),
});
export type UndoResult = z.infer<typeof UndoResult>;
