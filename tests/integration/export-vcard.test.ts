import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportData } from '../../db/export/export-data.ts';
import type { VCardVersion } from '../../db/export/export-request.ts';
import { escapeText, foldLine } from '../../db/export/vcard-card.ts';
import { readVCardContacts } from '../../db/import/read-vcard.ts';
import type { VCardContact } from '../../db/import/vcard-contact.ts';
import type { Contact } from '../../shared/domain/contact.ts';
import { useDataDbs } from '../support/data-db.ts';
import { importRows } from '../support/import-fixtures.ts';
import { withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useDataDbs();

async function cardsOf(path: string): Promise<VCardContact[]> {
  const cards: VCardContact[] = [];
  for await (const card of readVCardContacts(path, { encoding: 'utf-8' })) {
    expect(card.problems).toEqual([]);
    cards.push(card.contact);
  }
  return cards;
}

async function allContacts(dataDir: string): Promise<Contact[]> {
  return withApp(dataDir, async (api) => {
    const contacts: Contact[] = [];
    let after: string | null = null;
    do {
      const page: { items: Contact[]; nextCursor: string | null } = await api.call('contacts.list', {
        after,
        limit: 100,
      });
      contacts.push(...page.items);
      after = page.nextCursor;
    } while (after !== null);
    return contacts;
  });
}

/** Orders cards and contacts alike: by everything compared (two contacts may share a name). */
const byName = (a: object, b: object) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe('exporting contacts to vCard', () => {
  it.each(['4.0', '3.0'] as const)(
    'writes vCard %s that reads back with the same names, phones and emails, Cyrillic included',
    async (version: VCardVersion) => {
      const dataDir = tempDir();
      await withApp(dataDir, (api) => api.call('app.loadDemo', {}));
      const out = join(tempDir(), 'contacts.vcf');
      const result = await exportData({
        db: openDb(dataDir),
        what: { type: 'contacts' },
        format: 'vcf',
        language: 'en',
        out,
        vcardVersion: version,
      });
      const expected = await allContacts(dataDir);
      const cards = await cardsOf(out);
      expect(result.rows).toBe(expected.length);
      expect(cards.every((card) => card.version === version)).toBe(true);
      const read = cards
        .map((card) => ({
          name: card.formattedName ?? '',
          phones: card.phones.map((phone) => ({ value: phone.value, label: phone.label ?? null })),
          emails: card.emails.map((email) => ({ value: email.value, label: email.label ?? null })),
        }))
        .sort(byName);
      expect(read).toEqual(
        expected.map(({ name, phones, emails }) => ({ name, phones, emails })).sort(byName),
      );
      expect(read.some((card) => /[а-яё]/i.test(card.name))).toBe(true);
      const text = readFileSync(out, 'utf8');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    },
  );

  it('escapes commas, semicolons, backslashes and line breaks, folds long lines, and reads back whole', async () => {
    const dataDir = tempDir();
    const name = 'Иванов, Иван; Петрович \\ младший';
    const notes = `Звонить после обеда; не в пятницу, пожалуйста.\r\nВторая строка: ${'Ә'.repeat(60)}\nТретья.`;
    await withApp(dataDir, async (api) => {
      const client = await api.call('clients.create', {
        name: 'ТОО «Дала; Степь»',
        kind: 'company',
        address: { street: 'пр. Абая, 10', city: 'Алматы', country: 'Казахстан' },
      });
      await api.call('contacts.create', {
        clientId: client.id,
        name,
        role: 'Директор, владелец',
        birthday: '1985-04-12',
        notes,
        phones: [{ value: '+7 701 123 45 67', label: 'рабочий' }, { value: '+7 727 250 00 00' }],
        emails: [{ value: 'ivan@dala.kz', label: 'work' }],
      });
    });
    for (const version of ['4.0', '3.0'] as const) {
      const out = join(tempDir(), `ivan-${version}.vcf`);
      await exportData({
        db: openDb(dataDir),
        what: { type: 'contacts' },
        format: 'vcf',
        language: 'ru',
        out,
        vcardVersion: version,
      });
      const bytes = readFileSync(out);
      const lines = bytes.toString('latin1').split('\r\n').slice(0, -1);
      for (const line of lines) {
        expect(Buffer.byteLength(line, 'latin1')).toBeLessThanOrEqual(75);
        // Each physical line is whole UTF-8: no character is cut in two by the folding.
        expect(() =>
          new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'latin1')),
        ).not.toThrow();
      }
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      const [card] = await cardsOf(out);
      expect(card).toMatchObject({
        formattedName: name,
        organisations: [{ name: 'ТОО «Дала; Степь»', departments: [] }],
        titles: ['Директор, владелец'],
        birthday: '1985-04-12',
        notes: [notes.replace('\r\n', '\n')],
        phones: [
          { value: '+7 701 123 45 67', label: 'рабочий' },
          { value: '+7 727 250 00 00', types: [] },
        ],
        emails: [{ value: 'ivan@dala.kz', types: ['work'], label: 'work' }],
        addresses: [{ street: 'пр. Абая, 10', city: 'Алматы', country: 'Казахстан', types: ['work'] }],
      });
      const { rows } = await importRows(out);
      expect(rows[0]?.fields).toMatchObject({
        'Full name': name,
        'Phone 1 type': 'рабочий',
        'Email 1': 'ivan@dala.kz',
      });
    }
  });

  it('writes only the contacts of the one client asked for', async () => {
    const dataDir = tempDir();
    const clientId = await withApp(dataDir, async (api) => {
      const mine = await api.call('clients.create', { name: 'Mine', kind: 'company' });
      const other = await api.call('clients.create', { name: 'Other', kind: 'company' });
      for (const [client, person] of [
        [mine.id, 'Aigerim'],
        [mine.id, 'Dmitry'],
        [other.id, 'Emily'],
      ] as const) {
        await api.call('contacts.create', { clientId: client, name: person });
      }
      return mine.id;
    });
    const out = join(tempDir(), 'mine.vcf');
    await exportData({ db: openDb(dataDir), what: { clientId }, format: 'vcf', language: 'en', out });
    expect((await cardsOf(out)).map((card) => card.formattedName)).toEqual(['Aigerim', 'Dmitry']);
  });
});

describe('the vCard text rules', () => {
  it('folds at 75 octets, never inside a character or an escape', () => {
    const line = `NOTE:${escapeText('ж'.repeat(36) + ';' + 'x'.repeat(40))}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((part) => Buffer.byteLength(part) <= 75)).toBe(true);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(folded.some((part) => part.endsWith('\\'))).toBe(false);
    expect(foldLine('FN:short')).toBe('FN:short');
    // The 75th octet would begin `\;`: the escape moves to the next line whole.
    const escaped = foldLine(`NOTE:${'x'.repeat(69)}\\;${'y'.repeat(10)}`).split('\r\n');
    expect(escaped[0]).toBe(`NOTE:${'x'.repeat(69)}`);
    expect(escaped[1]).toBe(` \\;${'y'.repeat(10)}`);
  });
});
