import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../../db/transfer/key-table.ts';
import { MadeRecords } from '../../../db/transfer/made-records.ts';

describe('the match index keeps its keys compactly', () => {
  it('finds every one of 50k emails and phones exactly, the first record with a key keeping it', () => {
    const table = new KeyTable();
    const reference = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      // Every tenth key repeats an earlier one: the first keeps it, as with the Map it replaces.
      const key =
        i % 10 === 9 ? `contact.${String(i - 5)}@mail.example` : `contact.${String(i)}@mail.example`;
      table.setOnce(key, i + 1);
      if (!reference.has(key)) reference.set(key, i + 1);
      const phone = String(7_000_000_000 + i);
      table.setOnce(phone, -i);
      if (!reference.has(phone)) reference.set(phone, -i);
    }
    expect(table.size).toBe(reference.size);
    const wrong = [...reference].filter(([key, value]) => table.get(key) !== value);
    expect(wrong).toEqual([]);
    // Keys that differ by a byte, a prefix or an accent are other keys.
    expect(table.get('contact.1@mail.exampl')).toBeUndefined();
    expect(table.get('contact.1@mail.examplf')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
  });

  it('keeps texts in any script, and `set` puts a later value over an earlier one', () => {
    const table = new KeyTable();
    table.set('ann\u0000алия', 1);
    table.set('ann\u0000алия', 2);
    table.setOnce('ann\u0000алия', 3);
    table.set('ann\u0000алиya', 4);
    table.set('😀', 5);
    expect(table.get('ann\u0000алия')).toBe(2);
    expect(table.get('ann\u0000алиya')).toBe(4);
    expect(table.get('😀')).toBe(5);
    expect(table.size).toBe(3);
  });

  it('keeps 32-bit values compactly and widens them, earlier ones kept, for a value past 32 bits', () => {
    const table = new KeyTable();
    for (let i = 0; i < 5000; i++)
      table.setOnce(`k${String(i)}`, i % 2 === 0 ? 2 ** 31 - 1 - i : -(2 ** 31) + i);
    table.setOnce('', 7);
    table.set('big rowid', 2 ** 40 + 3);
    table.set('k1', 0.5);
    expect(table.get('k0')).toBe(2 ** 31 - 1);
    expect(table.get('k4999')).toBe(-(2 ** 31) + 4999);
    expect(table.get('big rowid')).toBe(2 ** 40 + 3);
    expect(table.get('k1')).toBe(0.5);
    expect(table.get('')).toBe(7);
    expect(table.get('k')).toBeUndefined();
    expect(table.size).toBe(5002);
  });

  it('gives back the ids, rows and names of the records an import made', () => {
    const made = new MadeRecords();
    const ids = Array.from({ length: 3000 }, (_, i) => ({
      client: `0190a1b2-c3d4-7${String(i).padStart(3, '0')}-8abc-${String(i).padStart(12, '0')}`,
      contact:
        i % 3 === 0
          ? undefined
          : i % 3 === 1
            ? `ffffffff-0000-7000-8000-${i.toString(16).padStart(12, '0')}`
            : `legacy-${String(i)}`,
    }));
    const numbers = ids.map((id, i) =>
      made.add(id.client, id.contact, i + 2, i % 2 === 0 ? `имя ${String(i)}` : undefined),
    );
    ids.forEach((id, i) => {
      const n = numbers[i] as number;
      expect(made.clientId(n)).toBe(id.client);
      expect(made.contactId(n)).toBe(id.contact);
      expect(made.row(n)).toBe(i + 2);
      expect(made.name(n)).toBe(i % 2 === 0 ? `имя ${String(i)}` : '');
    });
    // An id in capitals is kept as written, not as a lowercase UUID.
    const upper = made.add('0190A1B2-C3D4-7000-8ABC-000000000000', undefined, 1, undefined);
    expect(made.clientId(upper)).toBe('0190A1B2-C3D4-7000-8ABC-000000000000');
  });

  it('finds a client’s contact made by name, asked first after many records and then as more come', () => {
    const made = new MadeRecords();
    const client = (n: number) => `0190a1b2-c3d4-7000-8abc-${String(n).padStart(12, '0')}`;
    const contact = (n: number) => `0190a1b2-c3d4-7000-9abc-${String(n).padStart(12, '0')}`;
    // Clients 0–99 get two contacts each, interleaved with the other clients' ones; client 100 none.
    for (let i = 0; i < 200; i++) made.add(client(i % 100), contact(i), i + 2, `person ${String(i)}`);
    made.add(client(100), undefined, 300, undefined);
    expect(made.contactNamed(client(7), 'person 107')).toBe(contact(107));
    expect(made.contactNamed(client(7), 'person 7')).toBe(contact(7));
    expect(made.contactNamed(client(7), 'person 8')).toBeUndefined();
    expect(made.contactNamed(client(100), 'person 7')).toBeUndefined();
    // Made after the first question: found as well, and the later of two namesakes wins.
    made.add(client(100), contact(500), 301, 'late one');
    made.add(client(7), contact(501), 302, 'person 7');
    expect(made.contactNamed(client(100), 'late one')).toBe(contact(500));
    expect(made.contactNamed(client(7), 'person 7')).toBe(contact(501));
    for (let i = 0; i < 3000; i++) made.add(client(1000 + i), contact(1000 + i), 400 + i, `n ${String(i)}`);
    expect(made.contactNamed(client(3999), 'n 2999')).toBe(contact(3999));
    expect(made.contactNamed(client(7), 'person 107')).toBe(contact(107));
  });
});
