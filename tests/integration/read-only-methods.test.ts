import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc.ts';
import { contract, isReadOnlyMethod } from '../../shared/api/contract.ts';
import { createDispatcher } from '../../db/dispatch.ts';
import type { Handlers, ReadContext } from '../../db/handlers/context.ts';
import { handlers } from '../../db/handlers/index.ts';
import { openDatabase } from '../../db/open-database.ts';
import { createDb } from '../../db/sql.ts';
import type { Logger } from '../../db/logger.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

/** The real dispatcher on a real database file, with some handlers replaced. */
async function dispatcherWith(overrides: Partial<Handlers>) {
  const dir = tempDir();
  const opened = await openDatabase({ file: join(dir, 'rapport.db'), backupDir: join(dir, 'backups') });
  const db = createDb(opened.sqlite);
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
  const dispatch = createDispatcher({
    handlers: { ...handlers, ...overrides },
    logger,
    context: {
      db,
      now: () => new Date('2026-12-01T10:00:00Z'),
      clock: new HybridClock('device-a', () => Date.parse('2026-12-01T10:00:00Z')),
      actor: { deviceId: 'device-a', userId: null },
      dataDir: dir,
      schemaVersion: opened.schemaVersion,
    },
    publish: () => undefined,
  });
  const clientCount = () =>
    (opened.sqlite.prepare('SELECT count(*) AS n FROM client').get() as { n: number }).n;
  return { dispatch, db, errors, clientCount, close: () => opened.sqlite.close() };
}

describe('a method that only reads', () => {
  it('cannot write even through raw SQL: the call fails, nothing is stored, and the next write works', async () => {
    const app = await dispatcherWith({
      'clients.get': (input, ctx: ReadContext) => {
        // The type has no `run` (a read handler that writes does not compile); at run time it is refused too.
        const statement = ctx.db.prepare(
          `INSERT INTO client (id, name, kind, created_at, updated_at, hlc, field_clocks, sort_name)
           VALUES ('x', 'Sneaky', 'company', '', '', '', '{}', 'sneaky')`,
        ) as unknown as { run(): unknown };
        statement.run();
        // Had the write gone through, the call would answer normally and commit it.
        return handlers['clients.get'](input, ctx);
      },
    });
    const created = app.dispatch('clients.create', { name: 'Altyn Foods', kind: 'company' });
    if (!created.ok) throw new Error('create failed');
    const answer = app.dispatch('clients.get', { id: (created.value as { id: string }).id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(app.errors.join()).toContain('API call failed unexpectedly');
    expect(app.clientCount()).toBe(1);
    // The connection is writable again for the methods that write.
    expect(app.dispatch('clients.create', { name: 'Bereke', kind: 'company' })).toMatchObject({ ok: true });
    expect(app.clientCount()).toBe(2);
    app.close();
  });

  it('gets no writer, no events and no other methods to call', async () => {
    let seen: string[] = [];
    const app = await dispatcherWith({
      'app.info': (_input, ctx) => {
        seen = Object.keys(ctx).sort();
        return { version: '0', schemaVersion: ctx.schemaVersion, dataDir: ctx.dataDir };
      },
    });
    expect(app.dispatch('app.info', {})).toMatchObject({ ok: true });
    expect(seen).toEqual(['actor', 'dataDir', 'db', 'now', 'rows', 'schemaVersion']);
    app.close();
  });

  it('is every method the contract marks readOnly, and each still answers', async () => {
    const app = await dispatcherWith({});
    const created = app.dispatch('clients.create', { name: 'Altyn Foods', kind: 'company' });
    if (!created.ok) throw new Error('create failed');
    const id = (created.value as { id: string }).id;
    const inputs: Record<string, unknown> = {
      'clients.get': { id },
      'clients.summary': { id },
      'clients.possibleDuplicates': { id },
      'history.forRecord': { entity: 'client', id },
      'search.query': { text: 'Altyn' },
      'interactions.timeline': { clientId: id },
      'interactions.recent': {},
      'contacts.list': { clientId: id },
      'tags.forClient': { clientId: id },
      'followups.listDue': { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
      'campaigns.listMembers': { campaignId: id },
    };
    const readOnly = Object.keys(contract).filter(
      (method) =>
        !('network' in contract[method as keyof typeof contract]) && isReadOnlyMethod(method as never),
    );
    expect(readOnly.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const method of readOnly) {
      const input = inputs[method] ?? (method.endsWith('.get') ? { id } : {});
      const answer = app.dispatch(method, input);
      // A read may refuse its input (not_found for an id of another entity); it never fails inside.
      if (!answer.ok && answer.error.code === 'internal') failures.push(method);
    }
    expect(failures).toEqual([]);
    expect(app.errors).toEqual([]);
    app.close();
  });
});
