import { describe, expect, it } from 'vitest';
import { type EntityDecl, columnOf } from '../../../shared/entities/define.ts';
import { entities, fieldLabelKey } from '../../../shared/entities/entities.ts';
import { checkWireChange } from '../../../shared/entities/wire.ts';
import { en } from '../../../shared/i18n/en.ts';
import { kk } from '../../../shared/i18n/kk.ts';
import { ru } from '../../../shared/i18n/ru.ts';
import { syncedTables } from '../../../db/records/synced-tables.ts';

describe('the entity declarations', () => {
  it('give every field of every entity a label, and every entity a name, in en, ru and kk', () => {
    const missing: string[] = [];
    for (const decl of Object.values(entities)) {
      const keys = [
        `entity.${decl.entity}`,
        ...Object.keys(decl.fields).map((f) => fieldLabelKey(decl.entity, f)),
      ];
      for (const [language, catalog] of Object.entries({ en, ru, kk }))
        for (const key of keys) if (!Object.hasOwn(catalog, key)) missing.push(`${language}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('are what the local database writes and syncs, field for field', () => {
    for (const [table, decl] of Object.entries(entities) as [keyof typeof entities, EntityDecl][]) {
      const declared = Object.entries(decl.fields)
        .filter(([, field]) => field.role === 'synced')
        .map(([name]) => columnOf(name));
      expect(syncedTables[table].fields).toEqual([...declared, 'deleted_at', 'merged_into']);
    }
    expect(syncedTables.client.fields).toContain('solvency_notes');
    expect(syncedTables.client.fields).not.toContain('last_contact_at');
  });
});

describe('a value on the wire', () => {
  const cases: [table: string, field: string, json: string, verdict: string][] = [
    ['client', 'vip', '1', 'ok'],
    ['client', 'vip', '0', 'ok'],
    ['client', 'vip', 'true', 'invalid_type'],
    ['client', 'vip', '2', 'invalid_type'],
    ['client', 'stage', '"loyal"', 'ok'],
    ['client', 'stage', '"Loyal"', 'invalid_value'],
    ['client', 'stage', 'null', 'required'],
    ['client', 'name', '""', 'required'],
    ['client', 'name', '"   "', 'required'],
    ['client', 'name', `"${'x'.repeat(201)}"`, 'too_big'],
    ['client', 'name', '"Bell\\u0007"', 'invalid_text'],
    ['client', 'notes', 'null', 'ok'],
    ['client', 'notes', '{"a":1}', 'invalid_type'],
    ['client', 'address', JSON.stringify(JSON.stringify({ city: 'Almaty' })), 'ok'],
    ['client', 'address', JSON.stringify({ city: 'Almaty' }), 'ok'],
    ['client', 'address', JSON.stringify(JSON.stringify({ city: 5 })), 'invalid_type'],
    ['client', 'owner_id', '"0190a5b2-0000-7000-8000-000000000001"', 'ok'],
    ['client', 'owner_id', '"me"', 'invalid_id'],
    ['client', 'created_at', '"2026-11-30T10:00:00.000Z"', 'ok'],
    ['client', 'created_at', '"2026-11-30"', 'dateTime'],
    ['client', 'deleted_at', 'null', 'ok'],
    ['payment', 'issued_on', '"2024-02-29"', 'ok'],
    ['payment', 'issued_on', '"2026-02-29"', 'date'],
    ['payment', 'money', JSON.stringify('{"amount":1.5,"cost":null,"currency":"JPY"}'), 'amount'],
    ['payment', 'money', JSON.stringify('{"amount":1.5,"cost":null,"currency":"KZT"}'), 'ok'],
    ['contact', 'emails', JSON.stringify('[{"value":"a@b.kz","label":null}]'), 'ok'],
    ['contact', 'emails', JSON.stringify('[{"value":"not an email","label":null}]'), 'email'],
    ['interaction', 'duration_s', '90', 'ok'],
    ['interaction', 'duration_s', '1.5', 'invalid_type'],
    ['interaction', 'duration_s', '-1', 'invalid_type'],
    ['tag', 'color', '"#00ff00"', 'ok'],
    ['tag', 'color', '"green"', 'color'],
    ['client', 'notes', 'not json', 'invalid_json'],
  ];
  it.each(cases)('%s.%s = %s: %s', (table, field, json, verdict) => {
    const result = checkWireChange(table, field, json);
    expect(result.ok ? 'ok' : 'rule' in result ? result.rule : result.unknown).toBe(verdict);
  });

  it('of a table or field this version does not know is told apart from a broken one', () => {
    expect(checkWireChange('loyalty_card', 'name', '"x"')).toMatchObject({ ok: false, unknown: 'table' });
    expect(checkWireChange('client', 'loyalty_tier', '"gold"')).toMatchObject({
      ok: false,
      unknown: 'field',
    });
    expect(checkWireChange('client', 'sort_name', '"x"')).toMatchObject({ ok: false, unknown: 'field' });
  });
});
