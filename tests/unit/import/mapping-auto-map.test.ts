import { describe, expect, it } from 'vitest';
import { autoMap, guessImportType } from '../../../db/import/mapping/index.ts';
import { synonymKeys } from '../../../db/import/mapping/header-synonyms.ts';
import type { ImportType } from '../../../db/import/mapped-row.ts';
import type { SourceRow } from '../../../db/import/source-row.ts';

/** `column → target` of the columns autoMap maps; the others are left out. */
function mapped(header: string[], type: ImportType, rows: Record<string, string>[] = []) {
  const sample: SourceRow[] = rows.map((fields, i) => ({ row: i + 2, fields, problems: [] }));
  return Object.fromEntries(
    autoMap(header, type, sample)
      .filter((column) => column.target !== null)
      .map((column) => [column.column, column.target]),
  );
}

describe('hand-written headers in English, Russian and Kazakh map by their words', () => {
  it('an English client list', () => {
    const header = [
      'Company',
      'Contact person',
      'Phone',
      'E-mail',
      'City',
      'Industry',
      'Notes',
      'Tags',
      'Owner',
    ];
    expect(guessImportType(header)).toBe('clients');
    expect(mapped(header, 'clients')).toEqual({
      Company: 'client.name',
      'Contact person': 'contact.name',
      Phone: 'contact.phone',
      'E-mail': 'contact.email',
      City: 'client.address.city',
      Industry: 'client.industry',
      Notes: 'client.notes',
      Tags: 'client.tags',
      Owner: 'client.owner',
    });
  });

  it('a Russian one: Наименование, Эл. почта, Телефоны; the ИНН is no field and is left out', () => {
    const header = [
      'Наименование',
      'ИНН',
      'Контактное лицо',
      'Телефоны',
      'Эл. почта',
      'Город',
      'Адрес',
      'Отрасль',
      'Ответственный',
      'Примечание',
      'Теги',
    ];
    expect(guessImportType(header)).toBe('clients');
    expect(mapped(header, 'clients')).toEqual({
      Наименование: 'client.name',
      'Контактное лицо': 'contact.name',
      Телефоны: 'contact.phone',
      'Эл. почта': 'contact.email',
      Город: 'client.address.city',
      Адрес: 'client.address.street',
      Отрасль: 'client.industry',
      Ответственный: 'client.owner',
      Примечание: 'client.notes',
      Теги: 'client.tags',
    });
  });

  it('a Kazakh one: Атауы, Байланыс тұлға, Телефондар, Эл. пошта, Мекенжай; the БСН is left out', () => {
    const header = [
      'Атауы',
      'БСН',
      'Байланыс тұлға',
      'Телефондар',
      'Эл. пошта',
      'Қала',
      'Мекенжай',
      'Сала',
      'Жазбалар',
    ];
    expect(mapped(header, 'clients')).toEqual({
      Атауы: 'client.name',
      'Байланыс тұлға': 'contact.name',
      Телефондар: 'contact.phone',
      'Эл. пошта': 'contact.email',
      Қала: 'client.address.city',
      Мекенжай: 'client.address.street',
      Сала: 'client.industry',
      Жазбалар: 'client.notes',
    });
  });

  it('case, spaces and punctuation do not count: "  E-MAIL ", "ЭЛ.ПОЧТА", "Телефон:", "first_name"', () => {
    expect(mapped(['  E-MAIL ', 'ЭЛ.ПОЧТА', 'Телефон:', 'first_name', 'LAST NAME'], 'contacts')).toEqual({
      '  E-MAIL ': 'contact.email',
      'ЭЛ.ПОЧТА': 'contact.email',
      'Телефон:': 'contact.phone',
      first_name: 'contact.firstName',
      'LAST NAME': 'contact.lastName',
    });
  });

  it('a person’s name in parts: Фамилия, Имя, Отчество; Тегі, Аты, Әкесінің аты', () => {
    expect(
      mapped(['Фамилия', 'Имя', 'Отчество', 'Компания', 'Должность', 'Дата рождения'], 'contacts'),
    ).toEqual({
      Фамилия: 'contact.lastName',
      Имя: 'contact.firstName',
      Отчество: 'contact.middleName',
      Компания: 'client.name',
      Должность: 'contact.role',
      'Дата рождения': 'contact.birthday',
    });
    expect(mapped(['Тегі', 'Аты', 'Әкесінің аты', 'Лауазымы', 'Туған күні'], 'contacts')).toEqual({
      Тегі: 'contact.lastName',
      Аты: 'contact.firstName',
      'Әкесінің аты': 'contact.middleName',
      Лауазымы: 'contact.role',
      'Туған күні': 'contact.birthday',
    });
  });

  it('"Name" in a client list: the company when its values are organisations, else the person', () => {
    const companies = [{ Name: 'ТОО «Ромашка»' }, { Name: 'Kaspi Bank АО' }, { Name: 'ООО Север' }];
    expect(mapped(['Name', 'Phone'], 'clients', companies)).toEqual({
      Name: 'client.name',
      Phone: 'contact.phone',
    });
    const people = [{ Name: 'Иван Петров' }, { Name: 'Anna Smith' }];
    expect(mapped(['Name', 'Phone'], 'clients', people)).toEqual({
      Name: 'contact.name',
      Phone: 'contact.phone',
    });
    expect(mapped(['Name', 'Company'], 'clients')).toEqual({ Name: 'contact.name', Company: 'client.name' });
    expect(mapped(['Name', 'Industry'], 'clients')).toEqual({
      Name: 'client.name',
      Industry: 'client.industry',
    });
  });

  it('a field that takes one column gets one: the business address before the home one, filled before empty', () => {
    const header = ['Home City', 'Business City', 'Web Page', 'Personal Web Page'];
    expect(mapped(header, 'contacts')).toEqual({
      'Business City': 'client.address.city',
      'Web Page': 'client.website',
    });
    const onlyHome = [{ 'Home City': 'Алматы', 'Business City': '' }];
    expect(mapped(header, 'contacts', onlyHome)).toMatchObject({ 'Home City': 'client.address.city' });
  });
});

describe('the exports of the CRMs people leave', () => {
  it('Salesforce opportunities: a deals file with its stage, amount and close date', () => {
    const header = [
      'Opportunity Name',
      'Account Name',
      'Stage',
      'Amount',
      'Probability (%)',
      'Close Date',
      'Opportunity Owner',
      'Opportunity ID',
    ];
    expect(guessImportType(header)).toBe('deals');
    expect(mapped(header, 'deals')).toEqual({
      'Opportunity Name': 'deal.title',
      'Account Name': 'client.name',
      Stage: 'deal.stage',
      Amount: 'deal.value',
      'Probability (%)': 'deal.probability',
      'Close Date': 'deal.expectedCloseOn',
      'Opportunity Owner': 'deal.owner',
    });
  });

  it('Salesforce contacts and Data Loader names: Mailing Street, MobilePhone, Birthdate, Lead Source', () => {
    const header = [
      'FirstName',
      'LastName',
      'Title',
      'Account Name',
      'MailingStreet',
      'MailingCity',
      'Mailing Zip/Postal Code',
      'MobilePhone',
      'Email',
      'Birthdate',
      'LeadSource',
    ];
    expect(mapped(header, 'contacts')).toEqual({
      FirstName: 'contact.firstName',
      LastName: 'contact.lastName',
      Title: 'contact.role',
      'Account Name': 'client.name',
      MailingStreet: 'client.address.street',
      MailingCity: 'client.address.city',
      'Mailing Zip/Postal Code': 'client.address.postalCode',
      MobilePhone: 'contact.phone',
      Email: 'contact.email',
      Birthdate: 'contact.birthday',
      LeadSource: 'client.source',
    });
  });

  it('HubSpot contacts: Record ID, Company Name, Contact owner, Lifecycle Stage', () => {
    const header = [
      'Record ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Company Name',
      'Job Title',
      'Contact owner',
      'Lifecycle Stage',
    ];
    expect(guessImportType(header)).toBe('contacts');
    expect(mapped(header, 'contacts')).toEqual({
      'Record ID': 'contact.externalId',
      'First Name': 'contact.firstName',
      'Last Name': 'contact.lastName',
      Email: 'contact.email',
      'Phone Number': 'contact.phone',
      'Company Name': 'client.name',
      'Job Title': 'contact.role',
      'Contact owner': 'client.owner',
      'Lifecycle Stage': 'client.stage',
    });
  });

  it('Pipedrive: "Person - Name", "Organization - Name", "Deal - Title", "Deal - Value"', () => {
    expect(
      mapped(
        [
          'Person - Name',
          'Person - Organization',
          'Person - Email - Work',
          'Person - Phone - Mobile',
          'Person - Owner',
        ],
        'contacts',
      ),
    ).toEqual({
      'Person - Name': 'contact.name',
      'Person - Organization': 'client.name',
      'Person - Email - Work': 'contact.email',
      'Person - Phone - Mobile': 'contact.phone',
      'Person - Owner': 'client.owner',
    });
    const deals = [
      'Deal - Title',
      'Deal - Organization',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Stage',
      'Deal - Expected close date',
      'Deal - Lost reason',
    ];
    expect(guessImportType(deals)).toBe('deals');
    expect(mapped(deals, 'deals')).toEqual({
      'Deal - Title': 'deal.title',
      'Deal - Organization': 'client.name',
      'Deal - Value': 'deal.value',
      'Deal - Currency': 'deal.currency',
      'Deal - Stage': 'deal.stage',
      'Deal - Expected close date': 'deal.expectedCloseOn',
      'Deal - Lost reason': 'deal.reason',
    });
  });

  it('Zoho CRM accounts: Billing Code, Account Owner, Description', () => {
    const header = [
      'Account Owner',
      'Account Name',
      'Phone',
      'Website',
      'Industry',
      'Billing Street',
      'Billing City',
      'Billing Code',
      'Billing Country',
      'Description',
    ];
    expect(guessImportType(header)).toBe('clients');
    expect(mapped(header, 'clients')).toEqual({
      'Account Owner': 'client.owner',
      'Account Name': 'client.name',
      Phone: 'contact.phone',
      Website: 'client.website',
      Industry: 'client.industry',
      'Billing Street': 'client.address.street',
      'Billing City': 'client.address.city',
      'Billing Code': 'client.address.postalCode',
      'Billing Country': 'client.address.country',
      Description: 'client.notes',
    });
  });

  it('Bitrix24 and amoCRM contacts in Russian', () => {
    const bitrix = [
      'Имя',
      'Фамилия',
      'Отчество',
      'Должность',
      'Компания',
      'Рабочий телефон',
      'Мобильный телефон',
      'Рабочий e-mail',
      'Частный e-mail',
      'Дата рождения',
      'Комментарий',
      'Источник',
      'Ответственный',
    ];
    expect(guessImportType(bitrix)).toBe('contacts');
    expect(mapped(bitrix, 'contacts')).toEqual({
      Имя: 'contact.firstName',
      Фамилия: 'contact.lastName',
      Отчество: 'contact.middleName',
      Должность: 'contact.role',
      Компания: 'client.name',
      'Рабочий телефон': 'contact.phone',
      'Мобильный телефон': 'contact.phone',
      'Рабочий e-mail': 'contact.email',
      'Частный e-mail': 'contact.email',
      'Дата рождения': 'contact.birthday',
      Комментарий: 'contact.notes',
      Источник: 'client.source',
      Ответственный: 'client.owner',
    });
    const amo = [
      'Полное имя контакта',
      'Компания контакта',
      'Рабочий телефон',
      'Рабочий email',
      'Должность',
      'Теги',
    ];
    expect(mapped(amo, 'contacts')).toEqual({
      'Полное имя контакта': 'contact.name',
      'Компания контакта': 'client.name',
      'Рабочий телефон': 'contact.phone',
      'Рабочий email': 'contact.email',
      Должность: 'contact.role',
      Теги: 'client.tags',
    });
  });
});

describe('history files: the record’s fields and the client it names', () => {
  it('a call log in Russian', () => {
    const header = [
      'Клиент',
      'Дата',
      'Тип',
      'Длительность',
      'Результат',
      'Тема',
      'Комментарий',
      'Сотрудник',
      'Email',
    ];
    expect(guessImportType(header)).toBe('interactions');
    expect(mapped(header, 'interactions')).toEqual({
      Клиент: 'client.name',
      Дата: 'interaction.occurredAt',
      Тип: 'interaction.kind',
      Длительность: 'interaction.durationMinutes',
      Результат: 'interaction.outcome',
      Тема: 'interaction.summary',
      Комментарий: 'interaction.body',
      Сотрудник: 'interaction.author',
      Email: 'contact.email',
    });
  });

  it('payments when amount and date columns dominate, with the formats their values show', () => {
    const header = ['Контрагент', 'Номер документа', 'Дата', 'Сумма', 'Валюта', 'Оплачен', 'Тип'];
    expect(guessImportType(header)).toBe('payments');
    expect(guessImportType(['Client', 'Date', 'Amount'])).toBe('payments');
    const rows = [{ Дата: '05.06.2026', Сумма: '12 500,50', Оплачен: '2026-06-10' }];
    expect(
      autoMap(
        header,
        'payments',
        rows.map((fields) => ({ row: 2, fields, problems: [] })),
      ),
    ).toEqual([
      { column: 'Контрагент', target: 'client.name' },
      { column: 'Номер документа', target: 'payment.reference' },
      { column: 'Дата', target: 'payment.issuedOn', dateFormat: 'dmy' },
      { column: 'Сумма', target: 'payment.amount', numberFormat: 'comma' },
      { column: 'Валюта', target: 'payment.currency' },
      { column: 'Оплачен', target: 'payment.paidOn', dateFormat: 'iso' },
      { column: 'Тип', target: 'payment.kind' },
    ]);
  });

  it('an ambiguous column is left without a format, for the user to choose', () => {
    const rows = [{ Date: '05/06/2026', Amount: '1.234' }].map((fields) => ({
      row: 2,
      fields,
      problems: [],
    }));
    expect(autoMap(['Date', 'Amount'], 'payments', rows)).toEqual([
      { column: 'Date', target: 'payment.issuedOn' },
      { column: 'Amount', target: 'payment.amount' },
    ]);
  });

  it('follow-ups: a task with its due date, priority, status and assignee', () => {
    const header = ['Task', 'Client', 'Due date', 'Priority', 'Status', 'Assigned to', 'Notes'];
    expect(guessImportType(header)).toBe('followups');
    expect(mapped(header, 'followups')).toEqual({
      Task: 'followup.title',
      Client: 'client.name',
      'Due date': 'followup.dueAt',
      Priority: 'followup.priority',
      Status: 'followup.status',
      'Assigned to': 'followup.assignee',
      Notes: 'followup.notes',
    });
  });

  it('a column of another type’s field is left out: a deal stage in a clients file', () => {
    expect(mapped(['Company', 'Deal Stage', 'Amount'], 'clients')).toEqual({ Company: 'client.name' });
  });
});

describe('guessing what a file holds', () => {
  it('address books are contacts, a sheet with a company column is clients, nothing known is clients', () => {
    expect(guessImportType(['First Name', 'Last Name', 'Email Address', 'Company'])).toBe('contacts');
    expect(guessImportType(['Full name', 'Organisation', 'Email 1', 'Email 1 type', 'Phone 1'])).toBe(
      'contacts',
    );
    expect(guessImportType(['Компания', 'Контактное лицо', 'Телефон'])).toBe('clients');
    expect(guessImportType(['First Name', 'Last Name', 'Industry'])).toBe('clients');
    expect(guessImportType(['Телефон', 'Email'])).toBe('contacts');
    expect(guessImportType(['foo', 'bar'])).toBe('clients');
  });
});

describe('the synonym table', () => {
  it('never gives one header two meanings', () => {
    expect(synonymKeys().filter(([, concepts]) => concepts.length > 1)).toEqual([]);
  });
});
