import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { Color, Email, Phone, requiredText } from './fields.ts';
import { recordMeta } from './record.ts';

export const teamRoles = ['admin', 'member'] as const;

const memberFields = {
  name: requiredText(200, 'Enter the person’s name.'),
  email: Email.nullable(),
  phone: Phone.nullable(),
  role: z.enum(teamRoles),
  /** Inactive members keep their history but are not offered as owners or assignees. */
  active: z.boolean(),
};

/** A person on the team: owner of clients, assignee of follow-ups, author of interactions. */
export const TeamMember = z.object({
  ...recordMeta,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(teamRoles),
  active: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamMemberCreateInput = z
  .strictObject({
    ...memberFields,
    role: memberFields.role.default('member'),
    active: z.boolean().default(true),
  })
  .partial({ email: true, phone: true });
export const TeamMemberUpdateInput = z
  .strictObject({ id: Id, ...memberFields })
  .partial()
  .required({ id: true });
export const TeamMemberListInput = PageRequest.extend({ activeOnly: z.boolean().default(false) });
export const TeamMemberPage = pageOf(TeamMember);

const tagFields = { name: requiredText(60, 'Enter the tag’s name.'), color: Color.nullable() };

export const Tag = z.object({ ...recordMeta, name: z.string(), color: z.string().nullable() });
export type Tag = z.infer<typeof Tag>;
export const TagCreateInput = z.strictObject(tagFields).partial({ color: true });
export const TagUpdateInput = z
  .strictObject({ id: Id, ...tagFields })
  .partial()
  .required({ id: true });
export const TagListInput = PageRequest;
export const TagPage = pageOf(Tag);

/** A tag on a client, or its removal. */
export const ClientTagInput = z.strictObject({ clientId: Id, tagId: Id });
export const ClientTags = z.object({ clientId: Id, tags: z.array(Tag) });
