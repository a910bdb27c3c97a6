import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../../db/transfer/key-table.ts';

describe('KeyTable', () => {
  it('keeps every key after room was reserved, and grows past it', () => {
    const table = new KeyTable();
    table.setOnce('before', 1);
    table.reserve(10_000);
    for (let i = 0; i < 25_000; i++) table.setOnce(`key-${String(i)}@example.com`, i + 2);
    expect(table.size).toBe(25_001);
    expect(table.get('before')).toBe(1);
    for (let i = 0; i < 25_000; i += 997) expect(table.get(`key-${String(i)}@example.com`)).toBe(i + 2);
    expect(table.get('key-25000@example.com')).toBeUndefined();
  });

  it('keeps the first value of a key and finds keys of any script', () => {
    const table = new KeyTable();
    table.reserve(3);
    table.setOnce('иван@пример.рф', 5);
    table.setOnce('иван@пример.рф', 6);
    table.set('77011234567', 7);
    expect(table.get('иван@пример.рф')).toBe(5);
    expect(table.get('77011234567')).toBe(7);
    expect(table.size).toBe(2);
  });
});
