import { describe, expect, it } from 'vitest';
import { importTargets } from '../../../db/import/mapping/index.ts';
import { importTypes } from '../../../db/import/mapped-row.ts';
import { syncedFieldsOf } from '../../../shared/entities/define.ts';
import { entities } from '../../../shared/entities/entities.ts';
import { catalogs } from '../../../shared/i18n/index.ts';

const ids = (type: (typeof importTypes)[number]) => importTargets(type).map((t) => `${t.id}:${t.kind}`);

describe('the fields a file can fill come from the entity declarations', () => {
  it('a clients or contacts file fills a client and its contact', () => {
    for (const type of ['clients', 'contacts'] as const) {
      expect(ids(type)).toEqual([
        'client.name:text',
        'client.kind:choice',
        'client.industry:text',
        'client.segment:text',
        'client.stage:choice',
        'client.vip:flag',
        'client.owner:text',
        'client.source:text',
        'client.region:text',
        'client.address.street:text',
        'client.address.city:text',
        'client.address.region:text',
        'client.address.postalCode:text',
        'client.address.country:text',
        'client.website:text',
        'client.preferences:text',
        'client.paymentTerms:text',
        'client.solvencyNotes:text',
        'client.notes:text',
        'client.externalId:text',
        'client.tags:list',
        'contact.name:text',
        'contact.role:text',
        'contact.email:email',
        'contact.emailLabel:text',
        'contact.phone:phone',
        'contact.phoneLabel:text',
        'contact.preferredChannel:choice',
        'contact.birthday:date',
        'contact.notes:text',
        'contact.isPrimary:flag',
        'contact.firstName:text',
        'contact.middleName:text',
        'contact.lastName:text',
        'contact.birthday.year:number',
        'contact.birthday.month:number',
        'contact.birthday.day:number',
        'contact.externalId:text',
      ]);
    }
  });

  it('a history file fills its record and names the client by name, id or a contact’s email', () => {
    const reference = ['client.name:text', 'client.externalId:text', 'contact.email:email'];
    expect(ids('interactions')).toEqual([
      'interaction.author:text',
      'interaction.kind:choice',
      'interaction.direction:choice',
      'interaction.occurredAt:moment',
      'interaction.durationMinutes:number',
      'interaction.outcome:choice',
      'interaction.summary:text',
      'interaction.body:text',
      'interaction.externalId:text',
      ...reference,
    ]);
    expect(ids('deals')).toEqual([
      'deal.title:text',
      'deal.stage:choice',
      'deal.value:money',
      'deal.currency:choice',
      'deal.probability:number',
      'deal.expectedCloseOn:date',
      'deal.closedOn:date',
      'deal.reason:text',
      'deal.competitor:text',
      'deal.owner:text',
      'deal.notes:text',
      'deal.externalId:text',
      ...reference,
    ]);
    expect(ids('payments')).toEqual([
      'payment.kind:choice',
      'payment.amount:money',
      'payment.cost:money',
      'payment.currency:choice',
      'payment.issuedOn:date',
      'payment.dueOn:date',
      'payment.paidOn:date',
      'payment.reference:text',
      'payment.notes:text',
      'payment.externalId:text',
      ...reference,
    ]);
    expect(ids('followups')).toEqual([
      'followup.title:text',
      'followup.notes:text',
      'followup.dueAt:moment',
      'followup.allDay:flag',
      'followup.assignee:text',
      'followup.priority:choice',
      'followup.status:choice',
      'followup.externalId:text',
      ...reference,
    ]);
  });

  it('every declared field a person types is offered, so a field declared tomorrow is too', () => {
    for (const [table, type] of [
      ['client', 'clients'],
      ['contact', 'contacts'],
      ['deal', 'deals'],
      ['payment', 'payments'],
    ] as const) {
      const offered = new Set(importTargets(type).map((t) => t.field));
      const typed = syncedFieldsOf(entities[table])
        .filter(([, field]) => field.kind !== 'id' || field.references === 'team_member')
        .map(([name]) => name);
      expect(
        typed.filter((name) => !offered.has(name)),
        table,
      ).toEqual([]);
    }
  });

  it('each target has a label in en, ru and kk; choices list their values; emails and phones take several columns', () => {
    for (const type of importTypes) {
      for (const target of importTargets(type)) {
        for (const [language, catalog] of Object.entries(catalogs)) {
          expect(Object.hasOwn(catalog, target.labelKey), `${language}: ${target.labelKey}`).toBe(true);
        }
      }
    }
    const clients = importTargets('clients');
    expect(clients.find((t) => t.id === 'client.kind')?.values).toEqual(['company', 'person']);
    expect(clients.find((t) => t.id === 'client.name')).toMatchObject({ max: 200, repeatable: false });
    expect(clients.filter((t) => t.repeatable).map((t) => t.id)).toEqual([
      'client.tags',
      'contact.email',
      'contact.emailLabel',
      'contact.phone',
      'contact.phoneLabel',
    ]);
  });
});
