import { describe, expect, it } from 'vitest';
import { mapRow } from '../../../db/import/mapping/index.ts';
import type { ColumnMapping, ImportMapping, ImportType } from '../../../db/import/mapped-row.ts';
import { ClientCreateInput } from '../../../shared/domain/client.ts';
import { ContactCreateInput } from '../../../shared/domain/contact.ts';
import { DealCreateInput, PaymentRecordInput } from '../../../shared/domain/deal.ts';
import { FollowupCreateInput } from '../../../shared/domain/followup.ts';
import { InteractionLogInput } from '../../../shared/domain/interaction.ts';
import { AppError } from '../../../shared/api/errors.ts';

const clientId = '00000000-0000-4000-8000-000000000001';

function mappingOf(
  type: ImportType,
  columns: Record<string, string | null | Omit<ColumnMapping, 'column'>>,
  extra: Partial<ImportMapping> = {},
): ImportMapping {
  return {
    type,
    columns: Object.entries(columns).map(([column, target]) =>
      target === null || typeof target === 'string' ? { column, target } : { column, ...target },
    ),
    splitFullName: false,
    defaultCountry: 'KZ',
    defaultCurrency: null,
    ...extra,
  };
}

function row(fields: Record<string, string>, number = 2) {
  return { row: number, fields, problems: [] };
}

describe('a clients file: one client per row with its primary contact', () => {
  const mapping = mappingOf('clients', {
    Компания: 'client.name',
    'Контактное лицо': 'contact.name',
    'Мобильный телефон': 'contact.phone',
    'Эл. почта': 'contact.email',
    Город: 'client.address.city',
    Отрасль: 'client.industry',
    Теги: 'client.tags',
    Ответственный: 'client.owner',
    'ID в 1С': 'client.externalId',
    VIP: 'client.vip',
    ИНН: null,
  });

  it('the company is the client, the person its contact, shaped as the create inputs take them', () => {
    const mapped = mapRow(
      row({
        Компания: 'ТОО «Ромашка»',
        'Контактное лицо': 'Петров Иван Иванович',
        'Мобильный телефон': '8 (701) 123-45-67',
        'Эл. почта': 'ivan@romashka.kz; sales@romashka.kz',
        Город: 'Алматы',
        Отрасль: 'Розница',
        Теги: 'опт, VIP; Алматы',
        Ответственный: 'anna@rapport.kz',
        'ID в 1С': '000123',
        VIP: 'да',
        ИНН: '123456789012',
      }),
      mapping,
    );
    expect(mapped.problems).toEqual([]);
    expect(mapped.client).toEqual({
      values: {
        name: 'ТОО «Ромашка»',
        kind: 'company',
        industry: 'Розница',
        vip: true,
        address: { city: 'Алматы' },
      },
      tags: ['опт', 'VIP', 'Алматы'],
      externalId: '000123',
      teamMembers: { ownerId: 'anna@rapport.kz' },
    });
    expect(mapped.contact).toEqual({
      values: {
        name: 'Петров Иван Иванович',
        emails: [
          { value: 'ivan@romashka.kz', label: null },
          { value: 'sales@romashka.kz', label: null },
        ],
        phones: [{ value: '+7 701 123 4567', label: 'mobile' }],
      },
    });
    expect(mapped.columns).toMatchObject({
      'client.name': 'Компания',
      'client.address.city': 'Город',
      'client.tags': 'Теги',
      'client.ownerId': 'Ответственный',
      'contact.name': 'Контактное лицо',
      'contact.emails.1': 'Эл. почта',
      'contact.phones.0': 'Мобильный телефон',
    });
    // What mapRow gives is what the contract takes (with the ids the engine adds).
    expect(ClientCreateInput.safeParse(mapped.client?.values).success).toBe(true);
    expect(ContactCreateInput.safeParse({ ...mapped.contact?.values, clientId }).success).toBe(true);
  });

  it('a person without a company is a client of kind person named as the contact; a kind column decides', () => {
    const person = mapRow(row({ 'Контактное лицо': 'Анна Смирнова', 'Эл. почта': 'anna@mail.kz' }), mapping);
    expect(person.client?.values).toEqual({ name: 'Анна Смирнова', kind: 'person' });
    expect(person.contact?.values.name).toBe('Анна Смирнова');
    const withKind = mappingOf('clients', { Название: 'client.name', Тип: 'client.kind' });
    expect(mapRow(row({ Название: 'Иван Петров', Тип: 'Физлицо' }), withKind).client?.values).toEqual({
      name: 'Иван Петров',
      kind: 'person',
    });
  });

  it('a row with no name is refused; a blank row brings nothing; unmapped columns may hold anything', () => {
    expect(mapRow(row({ Город: 'Алматы', ИНН: '1' }), mapping)).toMatchObject({
      problems: [{ row: 2, column: null, code: 'missing_name' }],
    });
    expect(mapRow(row({ Компания: ' ', Город: '' }), mapping)).toEqual({
      row: 2,
      source: { Компания: ' ', Город: '' },
      columns: {},
      problems: [],
    });
    expect(mapRow(row({ Компания: 'ТОО Север', ИНН: 'не знаю' }), mapping).problems).toEqual([]);
  });

  it('a value that cannot be read is a problem of its cell, with the row, column, value and reason', () => {
    const mapped = mapRow(
      row(
        {
          Компания: 'x'.repeat(201),
          'Эл. почта': 'ivan.romashka.kz',
          'Мобильный телефон': 'нет',
          VIP: 'возможно',
        },
        7,
      ),
      mapping,
    );
    expect(mapped.problems).toEqual([
      expect.objectContaining({ row: 7, column: 'Компания', code: 'too_long', value: 'x'.repeat(200) }),
      expect.objectContaining({ row: 7, column: 'Мобильный телефон', code: 'invalid_phone', value: 'нет' }),
      expect.objectContaining({
        row: 7,
        column: 'Эл. почта',
        code: 'invalid_email',
        value: 'ivan.romashka.kz',
      }),
      expect.objectContaining({ row: 7, column: 'VIP', code: 'unknown_choice', allowed: ['yes', 'no'] }),
    ]);
  });

  it('a company row without a person: its contact is the company’s phone and email, called by its name', () => {
    const mapped = mapRow(row({ Компания: 'ТОО Север', 'Мобильный телефон': '+7 701 000 00 01' }), mapping);
    expect(mapped.contact?.values).toEqual({
      name: 'ТОО Север',
      phones: [{ value: '+7 701 000 0001', label: 'mobile' }],
    });
    expect(mapped.columns['contact.name']).toBe('Компания');
  });

  it('what cannot be seen at the ends of a text goes; control characters are refused', () => {
    const mapped = mapRow(row({ Компания: '\u200bТОО Север\u200b', Отрасль: 'Звонок\u0007' }), mapping);
    expect(mapped.client?.values.name).toBe('ТОО Север');
    expect(mapped.problems).toMatchObject([{ column: 'Отрасль', code: 'invalid_value' }]);
  });

  it('a name in parts is joined; a full name is kept whole, or split and written First Middle Last', () => {
    const parts = mappingOf('contacts', {
      Фамилия: 'contact.lastName',
      Имя: 'contact.firstName',
      Отчество: 'contact.middleName',
    });
    expect(
      mapRow(row({ Фамилия: 'Петров', Имя: 'Иван', Отчество: 'Иванович' }), parts).contact?.values.name,
    ).toBe('Иван Иванович Петров');
    const whole = mappingOf('contacts', { ФИО: 'contact.name' });
    expect(mapRow(row({ ФИО: 'Петров  Иван Иванович ' }), whole).contact?.values.name).toBe(
      'Петров  Иван Иванович',
    );
    const split = { ...whole, splitFullName: true };
    expect(mapRow(row({ ФИО: 'Петров Иван Иванович' }), split).contact?.values.name).toBe(
      'Иван Иванович Петров',
    );
  });

  it('a birthday from a date column, or from its year, month and day; one without a year is refused', () => {
    const parts = mappingOf('contacts', {
      Name: 'contact.name',
      'Birth Year': 'contact.birthday.year',
      'Birth Month': 'contact.birthday.month',
      'Birth Day': 'contact.birthday.day',
    });
    expect(
      mapRow(row({ Name: 'Max', 'Birth Year': '1972', 'Birth Month': '1', 'Birth Day': '31' }), parts).contact
        ?.values.birthday,
    ).toBe('1972-01-31');
    expect(mapRow(row({ Name: 'Max', 'Birth Month': '1', 'Birth Day': '31' }), parts).problems).toMatchObject(
      [{ column: 'Birth Month', code: 'invalid_date' }],
    );
    const day = mappingOf('contacts', {
      Name: 'contact.name',
      Born: { target: 'contact.birthday', dateFormat: 'excel' },
    });
    expect(mapRow(row({ Name: 'Max', Born: '26329' }), day).contact?.values.birthday).toBe('1972-01-31');
  });
});

describe('a contacts file: one contact per row, its company found or created by name', () => {
  const mapping = mappingOf('contacts', {
    'First Name': 'contact.firstName',
    'Last Name': 'contact.lastName',
    Company: 'client.name',
    'Phone 1 - Type': 'contact.phoneLabel',
    'Phone 1 - Value': 'contact.phone',
    'Phone 2 - Type': 'contact.phoneLabel',
    'Phone 2 - Value': 'contact.phone',
    'E-mail 1 - Value': 'contact.email',
  });

  it('the contact with its labelled phones, and its company as a client of kind company', () => {
    const mapped = mapRow(
      row({
        'First Name': 'Anna',
        'Last Name': 'Smith',
        Company: 'Contoso',
        'Phone 1 - Type': 'Mobile',
        'Phone 1 - Value': '+7 701 111 22 33 ::: +7 702 111 22 33',
        'Phone 2 - Type': 'Work',
        'Phone 2 - Value': '+7 (727) 250-00-00',
        'E-mail 1 - Value': 'anna@contoso.com',
      }),
      mapping,
    );
    expect(mapped.problems).toEqual([]);
    expect(mapped.client?.values).toEqual({ name: 'Contoso', kind: 'company' });
    expect(mapped.contact?.values).toEqual({
      name: 'Anna Smith',
      emails: [{ value: 'anna@contoso.com', label: null }],
      phones: [
        { value: '+7 701 111 2233', label: 'mobile' },
        { value: '+7 702 111 2233', label: 'mobile' },
        { value: '+7 7272 50 00 00', label: 'work' },
      ],
    });
  });

  it('without a company the contact is a person client of their own; the same number twice is kept once', () => {
    const mapped = mapRow(
      row({ 'First Name': 'Anna', 'Phone 1 - Value': '87011112233', 'Phone 2 - Value': '+7 701 111 22 33' }),
      mapping,
    );
    expect(mapped.client?.values).toEqual({ name: 'Anna', kind: 'person' });
    expect(mapped.contact?.values.phones).toEqual([{ value: '+7 701 111 2233', label: null }]);
  });
});

describe('an interactions file: each row a call, meeting or note of a client', () => {
  const mapping = mappingOf('interactions', {
    Клиент: 'client.name',
    Дата: { target: 'interaction.occurredAt', dateFormat: 'dmy' },
    Тип: 'interaction.kind',
    Длительность: 'interaction.durationMinutes',
    Результат: 'interaction.outcome',
    Тема: 'interaction.summary',
    Комментарий: 'interaction.body',
    Сотрудник: 'interaction.author',
    Направление: 'interaction.direction',
    Email: 'contact.email',
  });

  it('a call with its moment in the user’s zone, duration in seconds, outcome code and author by name', () => {
    const mapped = mapRow(
      row({
        Клиент: 'ТОО Север',
        Дата: '05.06.2026 14:30',
        Тип: 'Звонок',
        Длительность: '5,5',
        Результат: 'Дозвонился',
        Тема: 'Обсудили поставку',
        Комментарий: 'Перезвонить в пятницу',
        Сотрудник: 'Анна',
        Направление: 'исходящий',
        Email: 'buyer@sever.kz',
      }),
      mapping,
      { timeZone: 'Asia/Almaty' },
    );
    expect(mapped.problems).toEqual([]);
    expect(mapped.record).toEqual({
      entity: 'interaction',
      values: {
        kind: 'call',
        direction: 'outbound',
        occurredAt: '2026-06-05T09:30:00.000Z',
        durationS: 330,
        outcome: 'reached',
        summary: 'Обсудили поставку',
        body: 'Перезвонить в пятницу',
      },
      teamMembers: { userId: 'Анна' },
    });
    expect(mapped.client).toEqual({ values: { name: 'ТОО Север' }, tags: [] });
    expect(mapped.contact).toEqual({ values: { emails: [{ value: 'buyer@sever.kz', label: null }] } });
    expect(InteractionLogInput.safeParse({ ...mapped.record?.values, clientId }).success).toBe(true);
  });

  it('a row naming no client, or of a kind Rapport does not know, is refused', () => {
    expect(mapRow(row({ Дата: '05.06.2026', Тип: 'Звонок' }), mapping).problems).toMatchObject([
      { column: null, code: 'missing_client' },
    ]);
    const unknown = mapRow(row({ Клиент: 'Север', Тип: 'Голубиная почта' }), mapping);
    expect(unknown.problems).toEqual([
      expect.objectContaining({
        column: 'Тип',
        code: 'unknown_choice',
        allowed: ['call', 'meeting', 'visit', 'email', 'message', 'note'],
      }),
    ]);
  });
});

describe('a deals file', () => {
  const mapping = mappingOf('deals', {
    'Deal Name': 'deal.title',
    Company: 'client.name',
    'Account ID': 'client.externalId',
    Stage: 'deal.stage',
    Amount: 'deal.value',
    Currency: 'deal.currency',
    'Probability (%)': 'deal.probability',
    'Close Date': { target: 'deal.expectedCloseOn', dateFormat: 'mdy' },
  });

  it('the value as {amount, currency} from "12 500 ₸", the stage from another CRM’s words', () => {
    const mapped = mapRow(
      row({
        'Deal Name': 'Поставка',
        Company: 'Север',
        'Account ID': 'SF-1',
        Stage: 'Closed Won',
        Amount: '12 500 ₸',
        'Probability (%)': '90%',
        'Close Date': '06/05/2026',
      }),
      mapping,
    );
    expect(mapped.problems).toEqual([]);
    expect(mapped.record?.values).toEqual({
      title: 'Поставка',
      stage: 'won',
      value: { amount: 12500, currency: 'KZT' },
      probability: 90,
      expectedCloseOn: '2026-06-05',
    });
    expect(mapped.client).toEqual({ values: { name: 'Север' }, tags: [], externalId: 'SF-1' });
    expect(mapped.columns).toMatchObject({ 'record.value': 'Amount', 'record.value.currency': 'Amount' });
    expect(DealCreateInput.safeParse({ ...mapped.record?.values, clientId }).success).toBe(true);
  });

  it('the currency from its column or the default; none, or two that disagree, is a problem', () => {
    expect(
      mapRow(row({ 'Deal Name': 'A', Company: 'B', Amount: '100', Currency: 'руб.' }), mapping).record?.values
        .value,
    ).toEqual({
      amount: 100,
      currency: 'RUB',
    });
    const withDefault = { ...mapping, defaultCurrency: 'USD' };
    expect(
      mapRow(row({ 'Deal Name': 'A', Company: 'B', Amount: '100' }), withDefault).record?.values.value,
    ).toEqual({
      amount: 100,
      currency: 'USD',
    });
    expect(mapRow(row({ 'Deal Name': 'A', Company: 'B', Amount: '100' }), mapping).problems).toMatchObject([
      { column: 'Amount', code: 'unknown_currency' },
    ]);
    expect(
      mapRow(row({ 'Deal Name': 'A', Company: 'B', Amount: '100 ₸', Currency: 'USD' }), mapping).problems,
    ).toMatchObject([{ column: 'Amount', code: 'invalid_value' }]);
    expect(mapRow(row({ Company: 'B', Amount: '100 XYZ' }), mapping).problems).toMatchObject([
      { column: 'Amount', code: 'unknown_currency' },
      { column: null, code: 'missing_name' },
    ]);
  });
});

describe('a payments file', () => {
  const mapping = mappingOf('payments', {
    Контрагент: 'client.name',
    Тип: 'payment.kind',
    Сумма: 'payment.amount',
    Себестоимость: 'payment.cost',
    Валюта: 'payment.currency',
    Дата: 'payment.issuedOn',
    Оплачен: { target: 'payment.paidOn', dateFormat: 'dmy' },
    Номер: 'payment.reference',
  });

  it('amount, cost and currency side by side, as the payment’s create input takes them', () => {
    const mapped = mapRow(
      row({
        Контрагент: 'Север',
        Тип: 'Счёт',
        Сумма: '1.234,56',
        Себестоимость: '1 000',
        Валюта: 'тенге',
        Дата: '2026-06-01',
        Оплачен: '05/06/2026',
        Номер: '№ 17',
      }),
      mapping,
    );
    expect(mapped.problems).toEqual([]);
    expect(mapped.record?.values).toEqual({
      kind: 'invoice',
      amount: 1234.56,
      cost: 1000,
      currency: 'KZT',
      issuedOn: '2026-06-01',
      paidOn: '2026-06-05',
      reference: '№ 17',
    });
    expect(PaymentRecordInput.safeParse({ ...mapped.record?.values, clientId }).success).toBe(true);
  });

  it('amounts in words, 05/06/2026 without a format and 2026-02-30 are refused at their cells', () => {
    const mapped = mapRow(
      row({
        Контрагент: 'Север',
        Тип: 'Оплата',
        Сумма: 'one hundred',
        Валюта: 'KZT',
        Дата: '05/06/2026',
        Оплачен: '30.02.2026',
      }),
      mapping,
    );
    expect(mapped.problems.map((p) => [p.column, p.code])).toEqual([
      ['Сумма', 'invalid_number'],
      ['Дата', 'ambiguous_date'],
      ['Оплачен', 'invalid_date'],
    ]);
  });

  it('a currency without minor units refuses decimals; a row without a kind is refused', () => {
    expect(
      mapRow(row({ Контрагент: 'A', Тип: 'payment', Сумма: '10.5', Валюта: 'JPY' }), mapping).problems,
    ).toMatchObject([{ column: 'Сумма', code: 'invalid_number', message: 'JPY amounts have no decimals.' }]);
    expect(mapRow(row({ Контрагент: 'A', Сумма: '10', Валюта: 'KZT' }), mapping).problems).toMatchObject([
      { column: null, code: 'invalid_value' },
    ]);
  });
});

describe('a follow-ups file', () => {
  const mapping = mappingOf('followups', {
    Задача: 'followup.title',
    Клиент: 'client.name',
    Срок: 'followup.dueAt',
    Приоритет: 'followup.priority',
    Статус: 'followup.status',
    Исполнитель: 'followup.assignee',
    'Весь день': 'followup.allDay',
  });

  it('a day without a time is due all day (dueOn, in the user’s zone); a time makes it dueAt', () => {
    const day = mapRow(
      row({
        Задача: 'Позвонить',
        Клиент: 'Север',
        Срок: '2026-06-05',
        Приоритет: 'Высокий',
        Исполнитель: 'Анна',
      }),
      mapping,
      {
        timeZone: 'Asia/Almaty',
      },
    );
    expect(day.problems).toEqual([]);
    expect(day.record?.values).toEqual({
      title: 'Позвонить',
      priority: 'high',
      dueOn: '2026-06-05',
      timeZone: 'Asia/Almaty',
    });
    expect(day.record?.teamMembers).toEqual({ assigneeId: 'Анна' });
    expect(FollowupCreateInput.safeParse({ ...day.record?.values, clientId }).success).toBe(true);
    const moment = mapRow(
      row({ Задача: 'Позвонить', Клиент: 'Север', Срок: '2026-06-05 10:00', Статус: 'Выполнена' }),
      mapping,
      {
        timeZone: 'Asia/Almaty',
      },
    );
    expect(moment.record?.values).toEqual({
      title: 'Позвонить',
      status: 'done',
      dueAt: '2026-06-05T05:00:00.000Z',
    });
    const allDay = mapRow(
      row({ Задача: 'Позвонить', Клиент: 'Север', Срок: '2026-06-05 10:00', 'Весь день': 'да' }),
      mapping,
    );
    expect(allDay.record?.values).toEqual({ title: 'Позвонить', dueOn: '2026-06-05', timeZone: 'UTC' });
  });

  it('a follow-up needs something to do and a due date', () => {
    expect(mapRow(row({ Клиент: 'Север' }), mapping).problems.map((p) => p.code)).toEqual([
      'missing_name',
      'invalid_date',
    ]);
  });
});

describe('the mapping itself', () => {
  it('a target the file’s type cannot fill, or one field from two columns, is refused before any row', () => {
    const refusal = (mapping: ImportMapping) => {
      try {
        mapRow(row({ A: '1' }), mapping);
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'accepted';
    };
    expect(refusal(mappingOf('clients', { A: 'payment.amount' }))).toBe(
      'validation: A clients file cannot fill "payment.amount".',
    );
    expect(refusal(mappingOf('clients', { A: 'client.name', B: 'client.name' }))).toBe(
      'validation: "B" and "A" both go to client.name, which takes one column.',
    );
    expect(() =>
      mapRow(row({ A: '1' }), mappingOf('clients', { A: 'client.name' }), { timeZone: 'Mars/Olympus' }),
    ).toThrow('Unknown time zone "Mars/Olympus".');
  });
});
