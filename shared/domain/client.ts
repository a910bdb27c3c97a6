import { z } from 'zod';
import { Id, PageRequest, Timestamp, pageOf } from './common.ts';

/** A client is either a company or a person. */
export const clientKinds = ['company', 'person'] as const;
export const ClientKind = z.enum(clientKinds);
export type ClientKind = z.infer<typeof ClientKind>;

/** Longest client name accepted, in characters. */
export const CLIENT_NAME_MAX = 200;

const ClientName = z
  .string()
  .trim()
  .min(1, { message: 'Enter the client’s name.' })
  .max(CLIENT_NAME_MAX, { message: `A client name can be at most ${CLIENT_NAME_MAX} characters.` });

/** A client as the UI sees it. */
export const Client = z.object({
  id: Id,
  name: z.string(),
  kind: ClientKind,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Set while the client is deleted (it can be restored). */
  deletedAt: Timestamp.nullable(),
});
export type Client = z.infer<typeof Client>;

export const ClientCreateInput = z.strictObject({ name: ClientName, kind: ClientKind });
export type ClientCreateInput = z.input<typeof ClientCreateInput>;

/** Change some fields of a client; fields left out stay as they are. */
export const ClientUpdateInput = z.strictObject({
  id: Id,
  name: ClientName.optional(),
  kind: ClientKind.optional(),
});
export type ClientUpdateInput = z.input<typeof ClientUpdateInput>;

export const ClientListInput = PageRequest;
export const ClientPage = pageOf(Client);
export type ClientPage = z.infer<typeof ClientPage>;
