import { describe, expect, it } from 'vitest';
import { clientEntity } from '../../shared/entities/entities.ts';
import { text } from '../../shared/entities/field.ts';
import { fieldLabelsEn, fieldLabelsKk, fieldLabelsRu } from '../../shared/i18n/field-labels.ts';

/*
 * Adding a plain text field to clients is a migration, one line in the declaration and its label in
 * en/ru/kk: nothing else. This file does exactly that in a scratch schema, before any module derives
 * from the declarations (they are imported below, after the line is added), and checks that the
 * contract, the database, history, search, the server's checks and sync all pick the field up.
 */

// 1. One line in the declaration.
Object.assign(clientEntity.fields, { loyaltyTier: text(40, { search: 'details' }) });
// 2. Its label in every language.
Object.assign(fieldLabelsEn, { 'client.field.loyaltyTier': 'Loyalty tier' });
Object.assign(fieldLabelsRu, { 'client.field.loyaltyTier': 'Уровень лояльности' });
Object.assign(fieldLabelsKk, { 'client.field.loyaltyTier': 'Адалдық деңгейі' });

// Everything below derives from the declarations, so it is loaded after the line above.
const { migrations } = await import('../../db/migrations/index.ts');
const { useSyncTeam } = await import('../support/sync-team.ts');
const { checkWireChange } = await import('../../shared/entities/wire.ts');
const { fieldLabelKey } = await import('../../shared/entities/entities.ts');
const { en } = await import('../../shared/i18n/en.ts');

// 3. A migration.
const scratchMigrations = [
  ...migrations,
  {
    version: migrations.length + 1,
    name: 'client_loyalty_tier',
    up: (sqlite: { exec(sql: string): unknown }) => {
      sqlite.exec('ALTER TABLE client ADD COLUMN loyalty_tier TEXT');
    },
  },
];

const team = useSyncTeam();

/** A laptop on the scratch schema. */
const laptop = async (serverUrl: string, email: string, password: string) =>
  (await team.laptop(serverUrl, email, password, { migrations: scratchMigrations })).api;

describe('a field declared in one line', () => {
  it('is taken by the API, kept in history, found by search, checked on the wire and synced to the team', async () => {
    const server = await team.startServer();
    const a = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    const b = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');

    const created = await a.call('clients.create', {
      name: 'Altyn Foods',
      kind: 'company',
      loyaltyTier: ' Gold ',
    } as never);
    expect(created).toMatchObject({ name: 'Altyn Foods', loyaltyTier: 'Gold' });
    const updated = await a.call('clients.update', { id: created.id, loyaltyTier: 'Platinum' } as never);
    expect(updated).toMatchObject({ loyaltyTier: 'Platinum' });
    await expect(
      a.call('clients.update', { id: created.id, loyaltyTier: 'x'.repeat(41) } as never),
    ).rejects.toMatchObject({ code: 'validation' });

    const history = await a.call('history.forRecord', { entity: 'client', id: created.id, limit: 50 });
    expect(history.items.filter((change) => change.field === 'loyaltyTier').map((c) => c.newValue)).toEqual([
      'Platinum',
      'Gold',
    ]);
    expect(en[fieldLabelKey('client', 'loyalty_tier') as keyof typeof en]).toBe('Loyalty tier');

    const found = await a.call('search.query', { text: 'platinum' });
    expect(found.groups.flatMap((group) => group.items.map((item) => item.id))).toContain(created.id);

    expect(checkWireChange('client', 'loyalty_tier', JSON.stringify('Silver')).ok).toBe(true);
    expect(checkWireChange('client', 'loyalty_tier', '7')).toMatchObject({ ok: false, rule: 'invalid_type' });

    await a.call('sync.now', {});
    await b.call('sync.now', {});
    expect(await b.call('clients.get', { id: created.id })).toMatchObject({ loyaltyTier: 'Platinum' });
  });
});
