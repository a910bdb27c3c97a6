/**
 * The words of exported files that are not a field's label (shared/i18n/field-labels.ts): sheet names,
 * the record's own columns, and the columns a field is spread over (`Phone 1`, `Phone 1 type`). The
 * English `Phone N` / `Email N` / `… type` columns are the ones the vCard reader yields too, so the
 * importer maps them back whatever the file's source.
 */
export const exportLabelsEn = {
  'export.sheet.clients': 'Clients',
  'export.sheet.contacts': 'Contacts',
  'export.sheet.interactions': 'Interactions',
  'export.sheet.deals': 'Deals',
  'export.sheet.payments': 'Payments',
  'export.sheet.followups': 'Follow-ups',
  'export.column.id': 'ID',
  'export.column.clientId': 'Client ID',
  'export.column.updatedAt': 'Updated',
  'export.column.tags': 'Tags',
  'export.column.contactPerson': 'Contact person',
  'export.column.phone': 'Phone {{n}}',
  'export.column.phoneType': 'Phone {{n}} type',
  'export.column.email': 'Email {{n}}',
  'export.column.emailType': 'Email {{n}} type',
  'export.column.cost': 'Cost',
  'export.column.currency': 'Currency',
} as const;

export const exportLabelsRu = {
  'export.sheet.clients': 'Клиенты',
  'export.sheet.contacts': 'Контакты',
  'export.sheet.interactions': 'Взаимодействия',
  'export.sheet.deals': 'Сделки',
  'export.sheet.payments': 'Платежи',
  'export.sheet.followups': 'Задачи',
  'export.column.id': 'ID',
  'export.column.clientId': 'ID клиента',
  'export.column.updatedAt': 'Изменено',
  'export.column.tags': 'Метки',
  'export.column.contactPerson': 'Контактное лицо',
  'export.column.phone': 'Телефон {{n}}',
  'export.column.phoneType': 'Тип телефона {{n}}',
  'export.column.email': 'Эл. почта {{n}}',
  'export.column.emailType': 'Тип эл. почты {{n}}',
  'export.column.cost': 'Себестоимость',
  'export.column.currency': 'Валюта',
} as const satisfies Record<keyof typeof exportLabelsEn, string>;

export const exportLabelsKk = {
  'export.sheet.clients': 'Клиенттер',
  'export.sheet.contacts': 'Байланыстар',
  'export.sheet.interactions': 'Өзара әрекеттер',
  'export.sheet.deals': 'Мәмілелер',
  'export.sheet.payments': 'Төлемдер',
  'export.sheet.followups': 'Тапсырмалар',
  'export.column.id': 'ID',
  'export.column.clientId': 'Клиент ID',
  'export.column.updatedAt': 'Өзгертілген',
  'export.column.tags': 'Белгілер',
  'export.column.contactPerson': 'Байланыс тұлғасы',
  'export.column.phone': 'Телефон {{n}}',
  'export.column.phoneType': 'Телефон {{n}} түрі',
  'export.column.email': 'Эл. пошта {{n}}',
  'export.column.emailType': 'Эл. пошта {{n}} түрі',
  'export.column.cost': 'Өзіндік құны',
  'export.column.currency': 'Валюта',
} as const satisfies Record<keyof typeof exportLabelsEn, string>;
