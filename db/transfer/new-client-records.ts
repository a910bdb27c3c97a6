import type { ParsedInput } from '../../shared/api/contract.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { deterministicId } from '../deterministic-id.ts';
import type { HandlerContext } from '../handlers/context.ts';
import { requireLive } from '../handlers/crud.ts';
import { contactDef, tagDef } from '../handlers/entities.ts';
import { clientPatch } from '../queries/clients.ts';
import { toPatch } from '../records/columns.ts';
import { searchFold } from '../search/search-text.ts';
import type { BatchRecord, RowBatch } from './row-batch.ts';

export interface NewClientRow {
  /** The client's `clients.create` input, checked. */
  client: Record<string, unknown>;
  /** Its contact's `contacts.create` input, checked (its client id is set here). */
  contact: Record<string, unknown> | undefined;
  /** The tag names of the row. */
  tags: readonly string[];
  /** The `tags.create` input of each tag the client base does not have yet, by folded name. */
  newTags: ReadonlyMap<string, ParsedInput<'tags.create'>>;
  /** Tag ids by folded name: read, and given the ids of the tags made here. */
  tagIds: Map<string, string>;
}

/**
 * The records a new client row becomes, as `clients.create`, `contacts.create` (its primary contact),
 * `tags.create` and `clients.tag` would insert them: the same ids (UUIDv7 of now, the tagging's
 * derived one), fields and order. The row was checked in full; the records it refers to are checked
 * here as those handlers check them (a tag buffered in the batch is known to exist), before anything
 * is made, so a refused row leaves nothing behind.
 */
export function newClientRecords(
  ctx: HandlerContext,
  batch: RowBatch,
  row: NewClientRow,
): { clientId: string; contactId: string | undefined; records: BatchRecord[] } {
  const { ownerId } = row.client as ParsedInput<'clients.create'>;
  if (ownerId) requireLive(ctx, 'team_member', ownerId, 'ownerId', 'team member');
  for (const name of row.tags) {
    const tagId = row.tagIds.get(searchFold(name));
    if (tagId !== undefined && !batch.holds(tagId)) requireLive(ctx, 'tag', tagId, 'tagId', 'tag');
  }
  const newId = () => uuidv7(ctx.now().getTime());
  const clientId = newId();
  const records: BatchRecord[] = [
    { entity: 'client', table: 'client', id: clientId, values: clientPatch(row.client) },
  ];
  let contactId: string | undefined;
  if (row.contact) {
    contactId = newId();
    const values = toPatch({ ...row.contact, clientId, isPrimary: true }, contactDef.columns);
    records.push({ entity: 'contact', table: 'contact', id: contactId, values });
  }
  records.push(...tagRecords(clientId, row, newId));
  return { clientId, contactId, records };
}

/** The new tags of a new client and its taggings. */
function tagRecords(clientId: string, row: NewClientRow, newId: () => string): BatchRecord[] {
  const records: BatchRecord[] = [];
  const tagged = new Set<string>();
  for (const name of row.tags) {
    const key = searchFold(name);
    let tagId = row.tagIds.get(key);
    const newTag = row.newTags.get(key);
    if (tagId === undefined && newTag !== undefined) {
      tagId = newId();
      records.push({ entity: 'tag', table: 'tag', id: tagId, values: toPatch(newTag, tagDef.columns) });
      row.tagIds.set(key, tagId);
    }
    // A tag named twice in the cell tags the client once.
    if (tagId === undefined || tagged.has(tagId)) continue;
    tagged.add(tagId);
    // One id per (client, tag) on every device, as clients.tag makes it.
    const id = deterministicId('client_tag', clientId, tagId);
    records.push({
      entity: 'clientTag',
      table: 'client_tag',
      id,
      values: { client_id: clientId, tag_id: tagId },
    });
  }
  return records;
}
