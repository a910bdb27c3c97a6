import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { recordMeta } from './record.ts';
import { createShapeOf, outputsOf, updateShapeOf } from '../entities/define.ts';
import { tagEntity, teamMemberEntity, teamRoles } from '../entities/entities.ts';

export { teamRoles };

/** A person on the team: owner of clients, assignee of follow-ups, author of interactions. */
export const TeamMember = z.object({ ...recordMeta, ...outputsOf(teamMemberEntity) });
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamMemberCreateInput = z.strictObject(createShapeOf(teamMemberEntity));
export const TeamMemberUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(teamMemberEntity) });
export const TeamMemberListInput = PageRequest.extend({ activeOnly: z.boolean().default(false) });
export const TeamMemberPage = pageOf(TeamMember);

export const Tag = z.object({ ...recordMeta, ...outputsOf(tagEntity) });
export type Tag = z.infer<typeof Tag>;
export const TagCreateInput = z.strictObject(createShapeOf(tagEntity));
export const TagUpdateInput = z.strictObject({ id: Id, ...updateShapeOf(tagEntity) });
export const TagListInput = PageRequest;
export const TagPage = pageOf(Tag);

/** A tag on a client, or its removal. */
export const ClientTagInput = z.strictObject({ clientId: Id, tagId: Id });
export const ClientTags = z.object({ clientId: Id, tags: z.array(Tag) });
