import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { createShapeOf, outputsOf, updateShapeOf } from '../entities/define.ts';
import { contactEntity, preferredChannels } from '../entities/entities.ts';
import { CONTACT_LIST_MAX } from './values.ts';
import { recordMeta } from './record.ts';

export { preferredChannels, CONTACT_LIST_MAX };
export const PreferredChannel = z.enum(preferredChannels);

export const Contact = z.object({ ...recordMeta, ...outputsOf(contactEntity) });
export type Contact = z.infer<typeof Contact>;

export const ContactCreateInput = z.strictObject({
  ...createShapeOf(contactEntity),
  /** Left out: the client's first contact becomes its primary one, later ones do not. */
  isPrimary: contactEntity.fields.isPrimary.input.optional(),
});
export const ContactUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(contactEntity) });

export const ContactListInput = PageRequest.extend({
  /** The contacts of one client (primary first, then by name); all contacts by name without it. */
  clientId: Id.optional(),
});
export const ContactPage = pageOf(Contact);
