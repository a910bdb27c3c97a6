import type { LocalMethod, ParsedInput } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/api/errors.ts';
import { searchFold } from '../search/search-text.ts';
import { findClient } from '../queries/clients.ts';
import { handlers } from '../handlers/index.ts';
import type { HandlerContext, ReadContext } from '../handlers/context.ts';
import { parseMethodInput } from '../parse-method-input.ts';
import type { CellProblem, MappedRow } from '../import/mapped-row.ts';
import { type Match, type MatchIndex, type MatchKey, listed } from './match-index.ts';
import { newClientRecords } from './new-client-records.ts';
import type { RowBatch } from './row-batch.ts';

/** What a row of a history file finds its client by when the import matches on nothing. */
export const HISTORY_MATCH: readonly MatchKey[] = ['externalId', 'name'];

/** What a match does (chosen per import). */
export const onMatchChoices = ['skip', 'fill', 'overwrite'] as const;
export type OnMatch = (typeof onMatchChoices)[number];

/** What became of one row. */
export type RowOutcome =
  | { kind: 'created'; clientId: string }
  | { kind: 'updated'; clientId: string; by: MatchKey | 'record'; sameFileRow?: number }
  | { kind: 'skipped'; clientId: string; by: MatchKey | 'record'; sameFileRow?: number }
  | { kind: 'rejected'; problems: CellProblem[] };

export interface RowImporterOptions {
  index: MatchIndex;
  match: readonly MatchKey[];
  onMatch: OnMatch;
  /** True: decide and check everything, write nothing. */
  dryRun: boolean;
  /** Ids for records a dry run pretends to create (so later rows can match them). */
  newId: () => string;
}

/** A valid id for checking a contact's or record's input before its client exists. */
const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000';

/** The history methods a row of each history file becomes. */
const recordMethods = {
  interaction: 'interactions.log',
  deal: 'deals.create',
  payment: 'payments.record',
  followup: 'followups.create',
} as const;

const recordGetters = {
  interaction: 'interactions.get',
  deal: 'deals.get',
  payment: 'payments.get',
  followup: 'followups.get',
} as const;

const recordUpdaters = {
  interaction: 'interactions.update',
  deal: 'deals.update',
  payment: 'payments.update',
  followup: 'followups.update',
} as const;

/**
 * Brings one mapped row in: checks its values against the same contract the forms use, finds what it
 * matches, and creates or changes records through the same handlers as typing does (so the rules,
 * the change log, the search index and the rollups are the ones of every other write). A dry run takes
 * every step but the writes. A row is all or nothing: the caller runs it in a savepoint.
 */
export class RowImporter {
  private readonly tagIds = new Map<string, string>();
  /**
   * What a dry run pretended to create, so a later row of the file is compared with it as with a record;
   * kept as JSON text, a fraction of the memory of the objects at a million rows.
   */
  private readonly pretended = new Map<string, string>();
  private readonly teamMembers = new Map<string, string>();
  private loaded = false;

  private readonly options: RowImporterOptions;

  constructor(options: RowImporterOptions) {
    this.options = options;
  }

  /**
   * Brings one row in. With a `batch` (an import that writes), a row that only creates a new client is
   * buffered there and written with others; any other row is written alone, all or nothing.
   */
  import(mapped: MappedRow, ctx: HandlerContext | ReadContext, batch?: RowBatch): RowOutcome {
    this.loadLookups(ctx);
    if (mapped.problems.length > 0) return { kind: 'rejected', problems: mapped.problems };
    const alone = <R>(work: () => R): R => (batch ? batch.alone(work) : work());
    try {
      return mapped.record
        ? alone(() => this.importRecord(mapped, ctx))
        : this.importClient(mapped, ctx, batch);
    } catch (error) {
      if (error instanceof RowRejected) return { kind: 'rejected', problems: [error.problem] };
      if (error instanceof AppError && (error.code === 'validation' || error.code === 'not_found'))
        return { kind: 'rejected', problems: problemsOf(error, mapped) };
      throw error;
    }
  }

  /** A row of a clients or contacts file: a client, its contact and tags. */
  private importClient(
    mapped: MappedRow,
    ctx: HandlerContext | ReadContext,
    batch: RowBatch | undefined,
  ): RowOutcome {
    const client = mapped.client;
    if (!client) return reject(mapped, null, 'missing_name', 'The row has no client or contact name.');
    const clientInput = check(
      'clients.create',
      { ...client.values, ...this.members(client.teamMembers, mapped, 'client'), ...externalIdOf(client) },
      mapped,
      'client',
    );
    const contactInput = mapped.contact
      ? check(
          'contacts.create',
          { ...mapped.contact.values, clientId: PLACEHOLDER_ID, ...externalIdOf(mapped.contact) },
          mapped,
          'contact',
        )
      : undefined;
    const newTags = this.checkNewTags(client.tags);
    const match = this.options.index.find(
      {
        clientName: typeof client.values.name === 'string' ? client.values.name : undefined,
        clientExternalId: client.externalId,
        contact: mapped.contact?.values,
        contactExternalId: mapped.contact?.externalId,
      },
      this.options.match,
    );
    if (!match) {
      if (batch?.buffers && 'writer' in ctx) {
        const clientId = this.createInBatch(ctx, batch, mapped, client, clientInput, contactInput, newTags);
        return { kind: 'created', clientId };
      }
      const create = (): RowOutcome => {
        const clientId = this.create(ctx, 'clients.create', clientInput as ParsedInput<'clients.create'>);
        this.pretend(clientId, clientInput);
        this.options.index.addClient(clientId, String(clientInput.name), client.externalId, mapped.row);
        if (contactInput) this.createContact(ctx, clientId, contactInput, mapped.row, true);
        this.tag(ctx, clientId, client.tags);
        return { kind: 'created', clientId };
      };
      return batch ? batch.alone(create) : create();
    }
    const update = () => this.updateMatched(ctx, mapped, client, match, clientInput, contactInput);
    return batch ? batch.alone(update) : update();
  }

  /** A row that matched a client: what the match does to it, its contact and its tags. */
  private updateMatched(
    ctx: HandlerContext | ReadContext,
    mapped: MappedRow,
    client: NonNullable<MappedRow['client']>,
    match: Match,
    clientInput: Record<string, unknown>,
    contactInput: Record<string, unknown> | undefined,
  ): RowOutcome {
    const sameFile = match.sameFileRow === undefined ? {} : { sameFileRow: match.sameFileRow };
    // A phone found the client, but a person of another name is another contact there (one switchboard).
    const matchedContact =
      match.contactId !== undefined &&
      !(match.by === 'phone' && this.options.index.isOtherPerson(match, contactInput?.name))
        ? match.contactId
        : undefined;
    const contactId =
      contactInput && (matchedContact ?? this.options.index.contactNamed(match.clientId, contactInput.name));
    // A person the client does not have yet is added whatever a match does: skipping the client's fields
    // must not lose the second contact of a company an address book lists twice.
    if (this.options.onMatch === 'skip') {
      if (!contactInput || contactId)
        return { kind: 'skipped', clientId: match.clientId, by: match.by, ...sameFile };
      this.createContact(ctx, match.clientId, contactInput, mapped.row, false);
      return { kind: 'updated', clientId: match.clientId, by: match.by, ...sameFile };
    }
    let changed = this.updateClient(ctx, match.clientId, clientInput);
    if (contactInput) {
      changed =
        (contactId
          ? this.updateContact(ctx, contactId, contactInput)
          : this.createContact(ctx, match.clientId, contactInput, mapped.row, false)) || changed;
    }
    changed = this.tag(ctx, match.clientId, client.tags) || changed;
    return { kind: changed ? 'updated' : 'skipped', clientId: match.clientId, by: match.by, ...sameFile };
  }

  /** A row of a history file: one interaction, deal, payment or follow-up of a client. */
  private importRecord(mapped: MappedRow, ctx: HandlerContext | ReadContext): RowOutcome {
    const record = mapped.record;
    if (!record) throw new Error('importRecord needs a record');
    const method = recordMethods[record.entity];
    const { status, ...values } = record.values;
    const input = check(
      method,
      {
        ...values,
        ...this.members(record.teamMembers, mapped, 'record'),
        clientId: PLACEHOLDER_ID,
      },
      mapped,
      'record',
    );
    const match = this.options.index.find(
      {
        clientName: typeof mapped.client?.values.name === 'string' ? mapped.client.values.name : undefined,
        clientExternalId: mapped.client?.externalId,
        contact: mapped.contact?.values,
        contactExternalId: mapped.contact?.externalId,
      },
      this.options.match.length > 0 ? this.options.match : HISTORY_MATCH,
    );
    let clientId = match?.clientId;
    let created = false;
    if (clientId === undefined) {
      if (!mapped.client) {
        return reject(
          mapped,
          null,
          'missing_client',
          'No client of this row was found: give the client’s name or its id in the other system.',
        );
      }
      const clientInput = check(
        'clients.create',
        {
          ...mapped.client.values,
          ...this.members(mapped.client.teamMembers, mapped, 'client'),
          ...externalIdOf(mapped.client),
        },
        mapped,
        'client',
      );
      clientId = this.create(ctx, 'clients.create', clientInput as ParsedInput<'clients.create'>);
      this.options.index.addClient(clientId, String(clientInput.name), mapped.client.externalId, mapped.row);
      created = true;
    }
    const withClient = { ...input, clientId, ...(match?.contactId ? { contactId: match.contactId } : {}) };
    const existing = created ? undefined : this.sameRecord(ctx, record.entity, clientId, withClient);
    if (existing === undefined) {
      const id = this.create(ctx, method, withClient as never);
      // A follow-up's create input has no status: one done or cancelled in the file is closed after.
      if (record.entity === 'followup' && (status === 'done' || status === 'cancelled'))
        this.write(ctx, status === 'done' ? 'followups.complete' : 'followups.cancel', { id });
      return { kind: 'created', clientId };
    }
    if (this.options.onMatch === 'skip') return { kind: 'skipped', clientId, by: 'record' };
    const current = this.read(ctx, recordGetters[record.entity], existing);
    const patch = patchOf(current, withClient, this.options.onMatch);
    if (Object.keys(patch).length === 0) return { kind: 'skipped', clientId, by: 'record' };
    this.write(ctx, recordUpdaters[record.entity], { id: existing, ...patch });
    return { kind: 'updated', clientId, by: 'record' };
  }

  /** The client's record the row repeats (the same call at the same time, the same invoice…), if any. */
  private sameRecord(
    ctx: HandlerContext | ReadContext,
    entity: keyof typeof recordMethods,
    clientId: string,
    input: Record<string, unknown>,
  ): string | undefined {
    const db = ctx.db;
    const found = (sql: string, ...values: unknown[]) =>
      (db.prepare(sql).get(clientId, ...values) as { id: string } | undefined)?.id;
    const live = 'client_id = ? AND deleted_at IS NULL';
    switch (entity) {
      case 'interaction':
        return found(
          `SELECT id FROM interaction WHERE ${live} AND kind = ? AND occurred_at = ?`,
          input.kind,
          input.occurredAt ?? null,
        );
      case 'deal':
        return found(`SELECT id FROM deal WHERE ${live} AND title = ?`, input.title);
      case 'payment':
        return found(
          `SELECT id FROM payment WHERE ${live} AND kind = ? AND issued_on IS ? AND currency = ?
             AND json_extract(money, '$.amount') = ? AND reference IS ?`,
          input.kind,
          input.issuedOn ?? null,
          input.currency,
          input.amount,
          input.reference ?? null,
        );
      case 'followup':
        return found(
          `SELECT id FROM followup WHERE ${live} AND title = ? AND due_at = ?`,
          input.title,
          input.dueAt,
        );
    }
  }

  /**
   * The row's tags the client base does not have yet, checked as `tags.create` will take them: a name
   * it refuses rejects the row before anything of it is written. By their folded names.
   */
  private checkNewTags(names: readonly string[]): Map<string, ParsedInput<'tags.create'>> {
    const inputs = new Map<string, ParsedInput<'tags.create'>>();
    for (const name of names) {
      const key = searchFold(name);
      if (this.tagIds.has(key) || inputs.has(key)) continue;
      const parsed = parseMethodInput('tags.create', { name, color: null });
      if (!parsed.ok) throw withPrefix(parsed.error, 'client.tags');
      inputs.set(key, parsed.input);
    }
    return inputs;
  }

  /** A new client with its contact and tags, buffered in the batch (see newClientRecords). */
  private createInBatch(
    ctx: HandlerContext,
    batch: RowBatch,
    mapped: MappedRow,
    client: NonNullable<MappedRow['client']>,
    clientInput: Record<string, unknown>,
    contactInput: Record<string, unknown> | undefined,
    newTags: ReadonlyMap<string, ParsedInput<'tags.create'>>,
  ): string {
    const made = newClientRecords(ctx, batch, {
      client: clientInput,
      contact: contactInput,
      tags: client.tags,
      newTags,
      tagIds: this.tagIds,
    });
    batch.add(made.records);
    this.options.index.addClient(made.clientId, String(clientInput.name), client.externalId, mapped.row);
    if (contactInput && made.contactId !== undefined)
      this.rememberContact(made.contactId, made.clientId, contactInput, mapped.row);
    return made.clientId;
  }

  private createContact(
    ctx: HandlerContext | ReadContext,
    clientId: string,
    input: Record<string, unknown>,
    row: number,
    primary: boolean,
  ): boolean {
    const contactId = this.create(ctx, 'contacts.create', {
      ...input,
      clientId,
      ...(primary ? { isPrimary: true } : {}),
    } as ParsedInput<'contacts.create'>);
    this.pretend(contactId, input);
    this.rememberContact(contactId, clientId, input, row);
    return true;
  }

  /** A contact this import made, so later rows of the file match it. */
  private rememberContact(
    contactId: string,
    clientId: string,
    input: Record<string, unknown>,
    row: number,
  ): void {
    this.options.index.addContact(
      contactId,
      clientId,
      {
        name: String(input.name),
        emails: listed(input.emails),
        phones: listed(input.phones),
        externalId: typeof input.externalId === 'string' ? input.externalId : null,
      },
      row,
    );
  }

  private updateClient(
    ctx: HandlerContext | ReadContext,
    id: string,
    input: Record<string, unknown>,
  ): boolean {
    const current = this.pretendedValues(id) ?? findClient(ctx.db, id);
    if (current === undefined) return false;
    const { kind: _kind, ...given } = input;
    const patch = patchOf(current, given, this.options.onMatch);
    if (Object.keys(patch).length === 0) return false;
    this.write(ctx, 'clients.update', { id, ...patch });
    this.pretend(id, { ...current, ...patch });
    return true;
  }

  private updateContact(
    ctx: HandlerContext | ReadContext,
    id: string,
    input: Record<string, unknown>,
  ): boolean {
    const current = this.pretendedValues(id) ?? this.read(ctx, 'contacts.get', id);
    const { clientId: _clientId, isPrimary: _isPrimary, ...given } = input;
    const patch = patchOf(current, given, this.options.onMatch);
    if (Object.keys(patch).length === 0) return false;
    this.write(ctx, 'contacts.update', { id, ...patch });
    this.pretend(id, { ...current, ...patch });
    return true;
  }

  /**
   * A dry run remembers the values of what it pretended to create or change, for a later row that fills
   * or overwrites them. A match that skips never reads them, and they grow with the file: two JSON
   * texts a new row, which a million-row dry run need not hold.
   */
  private pretend(id: string, values: Record<string, unknown>): void {
    if (this.options.dryRun && this.options.onMatch !== 'skip' && isPretend(id))
      this.pretended.set(id, JSON.stringify(values));
  }

  private pretendedValues(id: string): Record<string, unknown> | undefined {
    const json = this.pretended.get(id);
    return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>);
  }

  /** Puts the named tags on a client, creating tags that do not exist yet; true when one was added. */
  private tag(ctx: HandlerContext | ReadContext, clientId: string, names: readonly string[]): boolean {
    let added = false;
    for (const name of names) {
      const key = searchFold(name);
      let tagId = this.tagIds.get(key);
      if (tagId === undefined) {
        tagId = this.create(ctx, 'tags.create', { name, color: null });
        this.tagIds.set(key, tagId);
      }
      if (this.options.dryRun) {
        added = true;
        continue;
      }
      const before =
        (ctx.db
          .prepare(
            'SELECT 1 AS yes FROM client_tag WHERE client_id = ? AND tag_id = ? AND deleted_at IS NULL',
          )
          .get(clientId, tagId) as { yes: number } | undefined) !== undefined;
      if (!before) {
        this.write(ctx, 'clients.tag', { clientId, tagId });
        added = true;
      }
    }
    return added;
  }

  /** Team members the file names by name or email (an owner, an author), as their ids. */
  private members(
    named: Record<string, string> | undefined,
    mapped: MappedRow,
    prefix: string,
  ): Record<string, string> {
    const ids: Record<string, string> = {};
    for (const [field, nameOrEmail] of Object.entries(named ?? {}))
      ids[field] = this.member(nameOrEmail, mapped, `${prefix}.${field}`);
    return ids;
  }

  private member(nameOrEmail: string, mapped: MappedRow, path: string): string {
    const id = this.teamMembers.get(searchFold(nameOrEmail.trim()));
    if (id !== undefined) return id;
    const column = mapped.columns[path] ?? null;
    throw new RowRejected({
      row: mapped.row,
      column,
      code: 'invalid_value',
      value: nameOrEmail.slice(0, 200),
      message: `No one on the team is called “${nameOrEmail}”: add them in Settings → Team, or leave the column out.`,
    });
  }

  private loadLookups(ctx: HandlerContext | ReadContext): void {
    if (this.loaded) return;
    this.loaded = true;
    const tags = ctx.db.prepare('SELECT id, name FROM tag WHERE deleted_at IS NULL').all() as {
      id: string;
      name: string;
    }[];
    for (const tag of tags) this.tagIds.set(searchFold(tag.name), tag.id);
    const members = ctx.db
      .prepare('SELECT id, name, email FROM team_member WHERE deleted_at IS NULL')
      .all() as { id: string; name: string; email: string | null }[];
    for (const member of members) {
      this.teamMembers.set(searchFold(member.name), member.id);
      if (member.email) this.teamMembers.set(searchFold(member.email), member.id);
    }
  }

  /** Runs a creating method (or, in a dry run, pretends to) and returns the new record's id. */
  private create<M extends LocalMethod>(
    ctx: HandlerContext | ReadContext,
    method: M,
    input: ParsedInput<M>,
  ): string {
    if (this.options.dryRun) return this.options.newId();
    const result = this.write(ctx, method, input) as { id?: string; interaction?: { id: string } };
    const id = result.id ?? result.interaction?.id;
    if (id === undefined) throw new Error(`${method} returned no id`);
    return id;
  }

  private write(ctx: HandlerContext | ReadContext, method: LocalMethod, input: unknown): unknown {
    if (this.options.dryRun) return undefined;
    const parsed = parseMethodInput(method, input);
    if (!parsed.ok) throw parsed.error;
    const handler = handlers[method] as unknown as (input: unknown, ctx: HandlerContext) => unknown;
    return handler(parsed.input, ctx as HandlerContext);
  }

  private read(ctx: HandlerContext | ReadContext, method: LocalMethod, id: string): Record<string, unknown> {
    const handler = handlers[method] as unknown as (input: unknown, ctx: ReadContext) => unknown;
    return handler({ id }, ctx) as Record<string, unknown>;
  }
}

/** A row refused by the importer itself (not by the contract). */
export class RowRejected extends Error {
  readonly problem: CellProblem;

  constructor(problem: CellProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

const PRETEND_PREFIX = 'ffffffff-';

/** The ids a dry run hands out for records it would create. */
export function pretendIds(): () => string {
  let next = 0;
  return () => `${PRETEND_PREFIX}0000-7000-8000-${(next++).toString(16).padStart(12, '0')}`;
}

function isPretend(id: string): boolean {
  return id.startsWith(PRETEND_PREFIX);
}

/** The row's values checked by the contract; what it refuses becomes a problem at its column. */
function check(
  method: LocalMethod,
  values: Record<string, unknown>,
  mapped: MappedRow,
  prefix: string,
): Record<string, unknown> {
  const parsed = parseMethodInput(method, values);
  if (parsed.ok) return parsed.input;
  throw withPrefix(parsed.error, prefix);
}

function withPrefix(error: AppError, prefix: string): AppError {
  return new AppError(error.code, error.message, { ...error.details, prefix });
}

function externalIdOf(part: { externalId?: string }): { externalId?: string } {
  return part.externalId ? { externalId: part.externalId } : {};
}

function reject(
  mapped: MappedRow,
  column: string | null,
  code: CellProblem['code'],
  message: string,
): RowOutcome {
  return { kind: 'rejected', problems: [{ row: mapped.row, column, code, message }] };
}

/** The contract's refusal as problems at the columns the values came from. */
function problemsOf(error: AppError, mapped: MappedRow): CellProblem[] {
  const prefix = typeof error.details?.prefix === 'string' ? error.details.prefix : 'client';
  const issues = Array.isArray(error.details?.issues)
    ? (error.details.issues as { path?: string; message?: string }[])
    : [];
  if (issues.length === 0)
    return [{ row: mapped.row, column: null, code: 'invalid_value', message: error.message }];
  return issues.map((issue) => {
    const column = columnOf(mapped, prefix, issue.path ?? '');
    return {
      row: mapped.row,
      column,
      code: 'invalid_value',
      ...(column !== null && mapped.source[column] !== undefined
        ? { value: mapped.source[column].slice(0, 200) }
        : {}),
      message: issue.message ?? error.message,
    };
  });
}

/** The column of a value at `path` (e.g. `emails.0.value`): the longest mapped path that contains it. */
function columnOf(mapped: MappedRow, prefix: string, path: string): string | null {
  const parts = `${prefix}.${path}`.split('.').filter((part) => part !== '');
  for (let length = parts.length; length > 1; length--) {
    const column = mapped.columns[parts.slice(0, length).join('.')];
    if (column !== undefined) return column;
  }
  return null;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

/**
 * The fields of `given` to write over `current`: `fill` only where the record has nothing (a list gets
 * the items it lacks), `overwrite` every given value that differs. Empty values in the file never clear.
 */
export function patchOf(
  current: Record<string, unknown>,
  given: Record<string, unknown>,
  onMatch: OnMatch,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(given)) {
    if (isEmpty(value) || field === 'clientId') continue;
    const existing = current[field];
    if (Array.isArray(value) && Array.isArray(existing) && !isEmpty(existing)) {
      const have = new Set(listed(existing).map((item) => searchFold(item)));
      const missing = (value as { value: string }[]).filter((item) => !have.has(searchFold(item.value)));
      if (missing.length > 0)
        patch[field] = onMatch === 'overwrite' ? value : [...(existing as unknown[]), ...missing];
      continue;
    }
    if (onMatch === 'fill' && !isEmpty(existing)) continue;
    if (JSON.stringify(existing ?? null) !== JSON.stringify(value)) patch[field] = value;
  }
  return patch;
}
