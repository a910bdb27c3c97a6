import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { inputsOf, outputsOf } from '../entities/define.ts';
import { contactEntity, preferredChannels } from '../entities/entities.ts';
import { CONTACT_LIST_MAX } from './values.ts';
import { recordMeta } from './record.ts';

export { preferredChannels, CONTACT_LIST_MAX };
export const PreferredChannel = z.enum(preferredChannels);

/** The fields a user edits on a contact, from its declaration (shared/entities). */
const contactFields = inputsOf(contactEntity);

export const Contact = z.object({ ...recordMeta, ...outputsOf(contactEntity) });
export type Contact = z.infer<typeof Contact>;

export const ContactCreateInput = z
  .strictObject(contactFields)
  .partial()
  .required({ clientId: true, name: true });
export const ContactUpdateInput = z
  .strictObject({ id: Id, ...contactFields })
  .partial()
  .required({ id: true });

export const ContactListInput = PageRequest.extend({
  /** The contacts of one client (primary first, then by name); all contacts by name without it. */
  clientId: Id.optional(),
});
export const ContactPage = pageOf(Contact);
