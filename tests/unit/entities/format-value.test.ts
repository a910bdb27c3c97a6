import { describe, expect, it } from 'vitest';
import { type EntityDecl, defineEntity } from '../../../shared/entities/define.ts';
import { entities, fieldLabelKey } from '../../../shared/entities/entities.ts';
import { type FieldDecl, coupled, day, flag, oneOf, optionalRefTo } from '../../../shared/entities/field.ts';
import { choiceLabelKey, declaredField, valueShapeOf } from '../../../shared/entities/format-value.ts';
import { MoneyOut } from '../../../shared/domain/values.ts';
import { Money } from '../../../shared/domain/fields.ts';
import { catalogs, languages } from '../../../shared/i18n/index.ts';

const shapeOf = (field: string, value: unknown) =>
  valueShapeOf(declaredField('client', field), value, fieldLabelKey('client', field));

describe('how a stored value reads, from its declaration', () => {
  it('a client’s owner is a team member to name, VIP a yes, the stage a label, the address its parts', () => {
    expect(shapeOf('ownerId', '01a233b2-c3e9-7b49-a834-275cca128774')).toEqual({
      shape: 'record',
      table: 'team_member',
      id: '01a233b2-c3e9-7b49-a834-275cca128774',
    });
    expect(shapeOf('vip', true)).toEqual({ shape: 'yesNo', yes: true });
    expect(shapeOf('vip', false)).toEqual({ shape: 'yesNo', yes: false });
    expect(shapeOf('stage', 'active')).toEqual({
      shape: 'choice',
      code: 'active',
      labelKey: 'client.field.stage.active',
    });
    expect(shapeOf('address', { city: 'Almaty', street: 'Abay 1', country: 'Kazakhstan' })).toEqual({
      shape: 'address',
      parts: ['Abay 1', 'Almaty', 'Kazakhstan'],
    });
    expect(shapeOf('address', {})).toEqual({ shape: 'none' });
    expect(shapeOf('source', 'Trade fair')).toEqual({ shape: 'text', text: 'Trade fair' });
    expect(shapeOf('source', null)).toEqual({ shape: 'none' });
  });

  it('the fields every record has: created is a moment, merged into a record of the same table', () => {
    expect(shapeOf('createdAt', '2026-12-01T22:21:23.315Z')).toEqual({
      shape: 'moment',
      at: '2026-12-01T22:21:23.315Z',
    });
    expect(shapeOf('mergedInto', '01a233b2-c3e9-7b49-a834-275cca128774')).toMatchObject({
      shape: 'record',
      table: 'client',
    });
  });

  it('money keeps its currency (and a payment its cost), days stay days, labelled lists their labels', () => {
    const payment = (field: string, value: unknown) =>
      valueShapeOf(declaredField('payment', field), value, fieldLabelKey('payment', field));
    expect(payment('money', { amount: 1200, cost: 800, currency: 'KZT' })).toEqual({
      shape: 'money',
      amount: 1200,
      cost: 800,
      currency: 'KZT',
    });
    expect(payment('issuedOn', '2026-03-15')).toEqual({ shape: 'day', day: '2026-03-15' });
    const phones = valueShapeOf(
      declaredField('contact', 'phones'),
      [{ value: '+77015551234', label: 'mobile' }],
      '',
    );
    expect(phones).toEqual({ shape: 'list', items: [{ value: '+77015551234', label: 'mobile' }] });
  });

  it('formats a newly declared field by its kind, with no code that names it', () => {
    const scratch = defineEntity({
      table: 'scratch',
      entity: 'client',
      noun: 'scratch',
      labels: 'scratch.field',
      fields: {
        partner: flag(false),
        referredBy: optionalRefTo('contact'),
        renewsOn: day(),
        budget: coupled(Money, MoneyOut),
        tier: oneOf(['gold', 'silver']),
      },
    });
    const { partner, referredBy, renewsOn, budget, tier } = scratch.fields;
    expect(valueShapeOf(partner, true, 'scratch.field.partner')).toEqual({ shape: 'yesNo', yes: true });
    expect(valueShapeOf(referredBy, 'x', 'scratch.field.referredBy')).toEqual({
      shape: 'record',
      table: 'contact',
      id: 'x',
    });
    expect(valueShapeOf(renewsOn, '2027-01-31', '')).toEqual({ shape: 'day', day: '2027-01-31' });
    expect(valueShapeOf(budget, { amount: 5, currency: 'USD' }, '')).toMatchObject({ shape: 'money' });
    expect(valueShapeOf(tier, 'gold', 'scratch.field.tier')).toMatchObject({
      labelKey: 'scratch.field.tier.gold',
    });
  });

  it('shows what the declaration does not explain as text, never as an object', () => {
    expect(valueShapeOf(undefined, { a: 1 }, '')).toEqual({ shape: 'text', text: '{"a":1}' });
    expect(valueShapeOf(undefined, 'plain', '')).toEqual({ shape: 'text', text: 'plain' });
  });
});

describe('labels of allowed values', () => {
  const decls: EntityDecl[] = Object.values(entities);
  const enumValues = decls.flatMap((decl) =>
    Object.entries(decl.fields).flatMap(([name, field]: [string, FieldDecl]) =>
      field.kind === 'enum'
        ? (field.values ?? []).map((code) => choiceLabelKey(fieldLabelKey(decl.entity, name), code))
        : [],
    ),
  );

  it.each(languages.map((l) => l.code))(
    '%s names every allowed value of every declared enum field',
    (code) => {
      expect(enumValues.length).toBeGreaterThan(40);
      const catalog: Record<string, string | undefined> = catalogs[code];
      expect(enumValues.filter((key) => !catalog[key]?.trim())).toEqual([]);
    },
  );
});
