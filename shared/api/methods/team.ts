import { z } from 'zod';
import { ById } from '../../domain/common.ts';
import {
  ClientTagInput,
  ClientTags,
  Tag,
  TagCreateInput,
  TagListInput,
  TagPage,
  TagUpdateInput,
  TeamMember,
  TeamMemberCreateInput,
  TeamMemberListInput,
  TeamMemberPage,
  TeamMemberUpdateInput,
} from '../../domain/team.ts';
import { Id } from '../../domain/common.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Team members (users.*) and tags (tags.*, clients.tag, clients.untag). */
export const teamMethods = {
  /** Add a person to the team: a possible owner of clients and assignee of follow-ups. */
  'users.create': { input: TeamMemberCreateInput, output: TeamMember },
  'users.get': { input: ById, output: TeamMember, readOnly: true },
  /** Team members by name; `activeOnly` leaves out those who left. */
  'users.list': { input: TeamMemberListInput, output: TeamMemberPage, readOnly: true },
  'users.update': { input: TeamMemberUpdateInput, output: TeamMember },
  'users.delete': { input: ById, output: TeamMember },
  'users.restore': { input: ById, output: TeamMember },
  'tags.create': { input: TagCreateInput, output: Tag },
  'tags.list': { input: TagListInput, output: TagPage, readOnly: true },
  'tags.update': { input: TagUpdateInput, output: Tag },
  /** Delete a tag; clients keep their tagging rows, and restoring the tag brings it back on them. */
  'tags.delete': { input: ById, output: Tag },
  'tags.restore': { input: ById, output: Tag },
  /** The live tags of a client, by name. */
  'tags.forClient': { input: z.strictObject({ clientId: Id }), output: ClientTags, readOnly: true },
  /** Put a tag on a client; tagging twice changes nothing. Returns the client's tags. */
  'clients.tag': { input: ClientTagInput, output: ClientTags },
  /** Take a tag off a client. Returns the client's tags. */
  'clients.untag': { input: ClientTagInput, output: ClientTags },
} as const satisfies Record<string, MethodSpec>;
