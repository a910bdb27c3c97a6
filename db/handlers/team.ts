import { deterministicId } from '../deterministic-id.ts';
import type { Tag } from '../../shared/domain/team.ts';
import {
  createRecord,
  deleteRecord,
  liveRecord,
  listPage,
  requireLive,
  restoreRecord,
  toRecords,
  updateRecord,
} from './crud.ts';
import type { HandlerContext, Handlers, ReadContext } from './context.ts';
import { tagDef, teamMemberDef } from './entities.ts';
import type { RowOf } from '../records/synced-tables.ts';

const byName = [
  ['sort_name', 'asc'],
  ['id', 'asc'],
] as const;

/** Team members (users.*) and tags (tags.*, clients.tag, clients.untag). */
export const teamHandlers = {
  'users.create': (input, ctx) => createRecord(ctx, teamMemberDef, input),
  'users.get': ({ id }, ctx) => liveRecord(ctx, teamMemberDef, id),
  'users.list': ({ activeOnly, after, limit }, ctx) =>
    listPage(ctx, teamMemberDef, {
      where: activeOnly ? [['active', '=', 1]] : [],
      order: byName,
      after,
      limit,
    }),
  'users.update': ({ id, ...fields }, ctx) => updateRecord(ctx, teamMemberDef, id, fields),
  'users.delete': ({ id }, ctx) => deleteRecord(ctx, teamMemberDef, id),
  'users.restore': ({ id }, ctx) => restoreRecord(ctx, teamMemberDef, id),

  'tags.create': (input, ctx) => createRecord(ctx, tagDef, input),
  'tags.list': ({ after, limit }, ctx) => listPage(ctx, tagDef, { where: [], order: byName, after, limit }),
  'tags.update': ({ id, ...fields }, ctx) => updateRecord(ctx, tagDef, id, fields),
  'tags.delete': ({ id }, ctx) => deleteRecord(ctx, tagDef, id),
  'tags.restore': ({ id }, ctx) => restoreRecord(ctx, tagDef, id),
  'tags.forClient': ({ clientId }, ctx) => {
    requireLive(ctx, 'client', clientId, 'clientId', 'client');
    return { clientId, tags: clientTags(ctx, clientId) };
  },
  'clients.tag': ({ clientId, tagId }, ctx) => {
    requireLive(ctx, 'client', clientId, 'clientId', 'client');
    requireLive(ctx, 'tag', tagId, 'tagId', 'tag');
    if (liveTaggings(ctx, clientId, tagId).length > 0) return { clientId, tags: clientTags(ctx, clientId) };
    // One id per (client, tag) on every device: two laptops tagging offline make one row (SYNC.md).
    const id = deterministicId('client_tag', clientId, tagId);
    const existing = ctx.rows.read('client_tag', id);
    if (!existing) ctx.writer.insert('client_tag', id, { client_id: clientId, tag_id: tagId });
    else ctx.writer.update('client_tag', id, { deleted_at: null });
    return tagsChanged(ctx, clientId, [id]);
  },
  'clients.untag': ({ clientId, tagId }, ctx) => {
    requireLive(ctx, 'client', clientId, 'clientId', 'client');
    // Usually one row; a tag that came along with a merged duplicate is a second one.
    const ids = liveTaggings(ctx, clientId, tagId);
    if (ids.length === 0) return { clientId, tags: clientTags(ctx, clientId) };
    for (const id of ids) ctx.writer.update('client_tag', id, { deleted_at: ctx.now().toISOString() });
    return tagsChanged(ctx, clientId, ids);
  },
} satisfies Partial<Handlers>;

function tagsChanged(ctx: HandlerContext, clientId: string, clientTagIds: string[]) {
  ctx.emit('data.changed', { entity: 'clientTag', ids: clientTagIds });
  ctx.emit('data.changed', { entity: 'client', ids: [clientId] });
  return { clientId, tags: clientTags(ctx, clientId) };
}

/** The live rows tagging a client with a tag (index client_tag_live_by_client). */
function liveTaggings(ctx: HandlerContext, clientId: string, tagId: string): string[] {
  return (
    ctx.db
      .prepare('SELECT id FROM client_tag WHERE client_id = ? AND tag_id = ? AND deleted_at IS NULL')
      .all(clientId, tagId) as { id: string }[]
  ).map((row) => row.id);
}

/** The live tags of a client, by name (index client_tag_live_by_client, then tag by id). */
function clientTags(ctx: ReadContext, clientId: string): Tag[] {
  const rows = ctx.db
    .prepare(
      `SELECT tag.* FROM tag
       WHERE tag.deleted_at IS NULL AND tag.id IN (
         SELECT tag_id FROM client_tag WHERE client_id = ? AND deleted_at IS NULL)
       ORDER BY tag.sort_name, tag.id`,
    )
    .all(clientId) as RowOf<'tag'>[];
  return toRecords(ctx, tagDef, rows);
}
