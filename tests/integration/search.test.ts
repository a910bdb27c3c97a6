import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import type { SearchKind, SearchResult } from '../../shared/domain/search.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { migrations } from '../../db/migrations/index.ts';
import { openDatabase } from '../../db/open-database.ts';
import { rebuildSearchIndex } from '../../db/search/index.ts';
import { RANK_WINDOW } from '../../db/search/search-records.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

async function setup() {
  const dir = tempDir();
  const { api } = await openTestBackend(dir);
  return { api, dir };
}

/** Titles found in one group, best first. */
async function found(api: ApiClient, text: string, kind: SearchKind = 'client'): Promise<string[]> {
  const result = await api.call('search.query', { text });
  return titlesOf(result, kind);
}

function titlesOf(result: SearchResult, kind: SearchKind): string[] {
  return result.groups.find((group) => group.kind === kind)?.items.map((item) => item.title) ?? [];
}

async function client(api: ApiClient, name: string, fields: { notes?: string; industry?: string } = {}) {
  return api.call('clients.create', { name, kind: 'company', ...fields });
}

describe('search finds records as the user types', () => {
  it('finds Latin and Cyrillic names by the start of any word, in any case', async () => {
    const { api } = await setup();
    await client(api, 'Acme Trading');
    await client(api, 'Степной Орёл');
    await client(api, 'Нұрлан Сейітқали');

    for (const text of ['acm', 'ACME', 'trad', 'Acme Tr', 'tr ac']) {
      expect(await found(api, text), text).toEqual(['Acme Trading']);
    }
    for (const text of ['степ', 'СТЕПНОЙ', 'орё', 'ОРЕЛ', 'степной ор']) {
      expect(await found(api, text), text).toEqual(['Степной Орёл']);
    }
    expect(await found(api, 'cme')).toEqual([]);
    expect(await found(api, 'acme orel')).toEqual([]);
  });

  it('ignores diacritics both ways: Émile and emile, Ёлка and елка', async () => {
    const { api } = await setup();
    await client(api, 'Émile Zoë Müller');
    await client(api, 'Ёлка');
    await client(api, 'Елена Йодова');

    for (const text of ['emile', 'ÉMILE', 'Émi', 'zoe', 'muller', 'MÜLL']) {
      expect(await found(api, text), text).toEqual(['Émile Zoë Müller']);
    }
    for (const text of ['елка', 'ЁЛКА', 'ёл', 'Ел']) {
      expect(await found(api, text), text).toContain('Ёлка');
    }
    expect(await found(api, 'Ёлена')).toEqual(['Елена Йодова']);
    expect(await found(api, 'иод')).toEqual(['Елена Йодова']);
  });

  it('finds every Kazakh letter by itself in either case, and typed on a Russian keyboard', async () => {
    const { api } = await setup();
    // One word per Kazakh-specific letter; the query is the start of the word, so it holds the letter.
    const words = [
      ['Әлия', 'Әл', 'Алия'],
      ['Ғалымжан', 'Ғал', 'Галым'],
      ['Қайрат', 'Қай', 'Кайрат'],
      ['Жаңабай', 'Жаң', 'Жанаб'],
      ['Өскемен', 'Өск', 'Оскемен'],
      ['Ұлан', 'Ұла', 'Улан'],
      ['Үміт', 'Үмі', 'Умит'],
      ['Жиһаз', 'Жиһ', 'Жихаз'],
      ['Іңкәр', 'Іңк', 'Инкар'],
    ] as const;
    for (const [name] of words) await client(api, name);

    for (const [name, prefix, russianKeyboard] of words) {
      for (const text of [
        prefix,
        prefix.toLowerCase(),
        prefix.toUpperCase(),
        name.toUpperCase(),
        russianKeyboard,
      ]) {
        expect(await found(api, text), `${text} → ${name}`).toContain(name);
      }
    }
  });

  it('finds a phone number by any run of three or more of its digits, however either is written', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    await api.call('contacts.create', {
      clientId: acme.id,
      name: 'Aigerim',
      phones: [{ value: '+7 (701) 123-45-67', label: 'mobile' }],
    });
    await api.call('contacts.create', {
      clientId: acme.id,
      name: 'Bolat',
      phones: [{ value: '8 727 250 00 00' }],
    });

    for (const text of [
      '0112',
      '701123',
      '4567',
      '77011234567',
      '+7 (701) 123-45-67',
      '123-45-67',
      '(701) 123',
      '567',
    ]) {
      expect(await found(api, text, 'contact'), text).toEqual(['Aigerim']);
    }
    for (const text of ['1235', '70112345678', '7654']) {
      expect(await found(api, text, 'contact'), text).toEqual([]);
    }
    expect(await found(api, '7272500000', 'contact')).toEqual(['Bolat']);
  });

  it('finds contacts by the local part or the domain of an email', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    await api.call('contacts.create', {
      clientId: acme.id,
      name: 'Aigerim',
      emails: [{ value: 'aigerim.n@qazaq-agro.kz' }, { value: 'айгерим@почта.рф' }],
    });
    for (const text of [
      'aigerim.n',
      'aigerim.n@qazaq',
      'qazaq',
      'qazaq-agro.kz',
      'aigerim.n@qazaq-agro.kz',
      'почта.рф',
    ]) {
      expect(await found(api, text, 'contact'), text).toEqual(['Aigerim']);
    }
    expect(await found(api, 'n@qazaq-agro.kz', 'contact')).toEqual(['Aigerim']);
    expect(await found(api, 'agro.com', 'contact')).toEqual([]);
  });

  it('finds interactions by the words of their summary and body, and records by their notes', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme', { notes: 'Prefers invoices in tenge', industry: 'Агробизнес' });
    const contact = await api.call('contacts.create', {
      clientId: acme.id,
      name: 'Bolat',
      role: 'Главный бухгалтер',
      notes: 'Звонить после обеда',
    });
    const { interaction } = await api.call('interactions.log', {
      clientId: acme.id,
      contactId: contact.id,
      kind: 'call',
      summary: 'Обсудили поставку семян',
      body: 'Клиент просит скидку на 40 тонн пшеницы; договор пришлём до пятницы.',
    });

    const byBody = await api.call('search.query', { text: 'пшениц догов' });
    expect(byBody.groups).toEqual([
      {
        kind: 'interaction',
        items: [
          {
            entity: 'interaction',
            id: interaction.id,
            clientId: acme.id,
            title: 'Обсудили поставку семян',
            subtitle: 'Acme',
            snippet: 'Клиент просит скидку на 40 тонн пшеницы; договор пришлём до пятницы.',
            score: expect.any(Number) as number,
          },
        ],
      },
    ]);
    expect(await found(api, 'поставк', 'interaction')).toEqual(['Обсудили поставку семян']);
    expect(await found(api, 'tenge')).toEqual(['Acme']);
    expect(await found(api, 'агробиз')).toEqual(['Acme']);
    expect(await found(api, 'обед', 'contact')).toEqual(['Bolat']);
    const byRole = await api.call('search.query', { text: 'бухгалт' });
    expect(byRole.groups[0]?.items[0]).toMatchObject({
      entity: 'contact',
      id: contact.id,
      clientId: acme.id,
      subtitle: 'Главный бухгалтер · Acme',
    });
  });
});

describe('the index follows every change', () => {
  it('drops deleted records, brings back restored ones, and follows renames', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    await api.call('clients.delete', { id: acme.id });
    expect(await found(api, 'acme')).toEqual([]);
    await api.call('clients.restore', { id: acme.id });
    expect(await found(api, 'acme')).toEqual(['Acme']);

    await api.call('clients.update', { id: acme.id, name: 'Zenith' });
    expect(await found(api, 'acme')).toEqual([]);
    expect(await found(api, 'zen')).toEqual(['Zenith']);
    // A change to a field search does not read leaves the document as it is.
    await api.call('clients.update', { id: acme.id, vip: true });
    expect(await found(api, 'zen')).toEqual(['Zenith']);
  });

  it('keeps the index right through undo of a create, an edit and a delete', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    const contact = await api.call('contacts.create', { clientId: acme.id, name: 'Aigerim' });
    await api.call('history.undo', {});
    expect(await found(api, 'aig', 'contact')).toEqual([]);

    await api.call('clients.update', { id: acme.id, name: 'Zenith' });
    await api.call('history.undo', {});
    expect(await found(api, 'acme')).toEqual(['Acme']);
    expect(await found(api, 'zenith')).toEqual([]);

    await api.call('clients.delete', { id: acme.id });
    expect(await found(api, 'acme')).toEqual([]);
    await api.call('history.undo', {});
    expect(await found(api, 'acme')).toEqual(['Acme']);
    expect(contact.name).toBe('Aigerim');
  });

  it('drops deleted contacts and interactions, and follows their edits', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    const contact = await api.call('contacts.create', { clientId: acme.id, name: 'Aigerim', phones: [] });
    await api.call('contacts.update', { id: contact.id, phones: [{ value: '+7 701 555 12 34' }] });
    expect(await found(api, '5551234', 'contact')).toEqual(['Aigerim']);
    await api.call('contacts.delete', { id: contact.id });
    expect(await found(api, '5551234', 'contact')).toEqual([]);
    await api.call('contacts.restore', { id: contact.id });
    expect(await found(api, '5551234', 'contact')).toEqual(['Aigerim']);

    const { interaction } = await api.call('interactions.log', {
      clientId: acme.id,
      kind: 'note',
      summary: 'Invoice sent',
    });
    await api.call('interactions.update', { id: interaction.id, summary: 'Quote sent' });
    expect(await found(api, 'invoice', 'interaction')).toEqual([]);
    expect(await found(api, 'quote', 'interaction')).toEqual(['Quote sent']);
    await api.call('interactions.delete', { id: interaction.id });
    expect(await found(api, 'quote', 'interaction')).toEqual([]);
    await api.call('history.undo', {});
    expect(await found(api, 'quote', 'interaction')).toEqual(['Quote sent']);
  });

  it('indexes the records already there when the database is migrated', async () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const backupDir = join(dir, 'backups');
    const before = await openDatabase({ file, backupDir, migrations: migrations.slice(0, 4) });
    const insert = before.sqlite.prepare(
      `INSERT INTO client (id, name, sort_name, kind, created_at, updated_at, deleted_at, hlc)
       VALUES (?, ?, ?, 'company', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, '0')`,
    );
    insert.run('0190f6a4-0000-7000-8000-000000000001', 'Қазақ Агро', 'казак агро', null);
    insert.run('0190f6a4-0000-7000-8000-000000000002', 'Қазақ Газ', 'казак газ', '2026-01-02T00:00:00.000Z');
    before.sqlite.close();

    const { api } = await openTestBackend(dir);
    expect(await found(api, 'қаз')).toEqual(['Қазақ Агро']);
  });

  it('rebuilds the whole index after a bulk load that wrote rows directly', async () => {
    const { api, dir } = await setup();
    await client(api, 'Acme');
    const sqlite = new BetterSqlite3(join(dir, DATABASE_FILE));
    sqlite
      .prepare(
        `INSERT INTO client (id, name, sort_name, kind, created_at, updated_at, hlc)
         VALUES ('0190f6a4-0000-7000-8000-000000000003', 'Bulk Loaded', 'bulk loaded', 'company',
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0')`,
      )
      .run();
    expect(await found(api, 'bulk')).toEqual([]);
    expect(rebuildSearchIndex(sqlite)).toBe(2);
    sqlite.close();
    expect(await found(api, 'bulk')).toEqual(['Bulk Loaded']);
    expect(await found(api, 'acme')).toEqual(['Acme']);
  });
});

describe('results', () => {
  it('ranks a name match above a mention in notes', async () => {
    const { api } = await setup();
    await client(api, 'Beta Logistics', { notes: 'Lost the zenith tender to a rival; zenith zenith.' });
    await client(api, 'Zenith Foods');
    const result = await api.call('search.query', { text: 'zenith' });
    const items = result.groups[0]?.items ?? [];
    expect(items.map((item) => item.title)).toEqual(['Zenith Foods', 'Beta Logistics']);
    expect(items[0]?.snippet).toBeNull();
    expect(items[1]?.snippet).toBe('Lost the zenith tender to a rival; zenith zenith.');
    expect((items[0]?.score ?? 0) > (items[1]?.score ?? 0)).toBe(true);
  });

  it('puts name matches first even when far more records match elsewhere, beyond the ranking window', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    await api.call('contacts.create', { clientId: acme.id, name: 'Mailer Daemon' });
    // Newer contacts that match only by their email domain, more than the ranking window holds.
    for (let i = 0; i < RANK_WINDOW + 20; i++) {
      await api.call('contacts.create', {
        clientId: acme.id,
        name: `Person ${String(i)}`,
        emails: [{ value: `person${String(i)}@mail.example` }],
      });
    }
    const result = await api.call('search.query', { text: 'mail', kinds: ['contact'], limitPerKind: 5 });
    const titles = titlesOf(result, 'contact');
    expect(titles[0]).toBe('Mailer Daemon');
    expect(titles).toHaveLength(5);
    expect(titles.slice(1).every((title) => title.startsWith('Person '))).toBe(true);
  });

  it('lists matching interactions newest first, and needs two letters to search them', async () => {
    const { api } = await setup();
    const acme = await client(api, 'Acme');
    for (const summary of ['Delivery delayed', 'Delivery confirmed', 'Delivery, delivery, delivery again']) {
      await api.call('interactions.log', { clientId: acme.id, kind: 'call', summary });
    }
    expect(await found(api, 'deliv', 'interaction')).toEqual([
      'Delivery, delivery, delivery again',
      'Delivery confirmed',
      'Delivery delayed',
    ]);
    const oneLetter = await api.call('search.query', { text: 'd' });
    expect(oneLetter.groups.map((group) => group.kind)).toEqual([]);
    expect(await found(api, 'a')).toEqual(['Acme']);
  });

  it('groups results by kind in a fixed order, leaves out empty groups, and honours kinds and limits', async () => {
    const { api } = await setup();
    const orion = await client(api, 'Orion');
    await api.call('contacts.create', { clientId: orion.id, name: 'Orion Desk' });
    await api.call('interactions.log', { clientId: orion.id, kind: 'email', summary: 'Orion renewal' });
    await api.call('interactions.log', { clientId: orion.id, kind: 'call', summary: 'Orion pricing' });

    const all = await api.call('search.query', { text: 'orion' });
    expect(all.groups.map((group) => [group.kind, group.items.length])).toEqual([
      ['client', 1],
      ['contact', 1],
      ['interaction', 2],
    ]);
    for (const group of all.groups) {
      for (const item of group.items) expect([item.entity, item.clientId]).toEqual([group.kind, orion.id]);
    }

    const some = await api.call('search.query', { text: 'orion', kinds: ['interaction'], limitPerKind: 1 });
    expect(some.groups.map((group) => [group.kind, group.items.length])).toEqual([['interaction', 1]]);
    expect((await api.call('search.query', { text: 'desk' })).groups.map((group) => group.kind)).toEqual([
      'contact',
    ]);
  });

  it('treats hostile or odd input as plain words, and blank input as nothing to find', async () => {
    const { api } = await setup();
    await client(api, 'Andes "Quoted" (Group)');
    await client(api, 'Near North');
    const hostile = [
      '"',
      '"and',
      'and"',
      '*',
      'an*',
      '-and',
      'NOT and',
      'and OR near',
      'NEAR(and near)',
      '^and',
      '(and',
      'and)',
      '{name}: and',
      'name:and',
      'and + near',
      "'; DROP TABLE client; --",
      '\\',
      '\u0000and',
    ];
    for (const text of hostile) {
      const result = await api.call('search.query', { text });
      expect(result, text).toEqual(expect.objectContaining({ groups: expect.any(Array) as unknown }));
    }
    expect(await found(api, 'AND')).toEqual(['Andes "Quoted" (Group)']);
    expect(await found(api, '"quoted"')).toEqual(['Andes "Quoted" (Group)']);
    expect(await found(api, '(group)')).toEqual(['Andes "Quoted" (Group)']);
    expect(await found(api, 'NEAR')).toEqual(['Near North']);
    expect(await found(api, 'near OR andes')).toEqual([]);
    for (const text of ['', '   ', '"', '*', '-', '()', '!!! ... ---', '\u0000']) {
      expect(await api.call('search.query', { text }), JSON.stringify(text)).toEqual({ groups: [] });
    }
  });
});
