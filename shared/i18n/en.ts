/** English UI strings: the reference catalog every other language must match key for key. */
export const en = {
  'app.name': 'Rapport',
  'nav.clients': 'Clients',
  'nav.settings': 'Settings',
  'nav.main': 'Main navigation',
  'theme.toggle': 'Switch between light and dark theme',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'theme.auto': 'Follow system',
  'language.label': 'Language',
  'clients.title': 'Clients',
  'clients.new': 'New client',
  'clients.empty.title': 'No clients yet',
  'clients.empty.body':
    'Add the companies and people you work with. Each client keeps its contacts and the whole history of your dealings.',
  'clients.empty.action': 'Add your first client',
  'clients.kind.company': 'Company',
  'clients.kind.person': 'Person',
  'clients.list.label': 'Client list',
  'clients.list.loadMore': 'Loading more…',
  'clients.form.title': 'New client',
  'clients.form.name': 'Name',
  'clients.form.namePlaceholder': 'Company or person name',
  'clients.form.kind': 'Kind',
  'clients.form.save': 'Create client',
  'clients.form.cancel': 'Cancel',
  'clients.created': '{{name}} was added to your clients.',
  'clients.createdTitle': 'Client created',
  'validation.required': 'This field is required.',
  'validation.tooLong': 'Too long: at most {{max}} characters.',
  'validation.invalid': 'This value is not valid.',
  'errors.title': 'Something went wrong',
  'errors.unavailable': 'Rapport’s database is not reachable. Restart the app; your data is safe on disk.',
  'errors.retry': 'Try again',
  'errors.loadFailed': 'The list could not be loaded.',
  'settings.title': 'Settings',
  'settings.appearance': 'Appearance',
  'settings.about': 'About',
  'settings.version': 'Version {{version}}, database schema {{schema}}',
  'settings.dataDir': 'Data folder',
  'shortcuts.newClient': 'New client ({{keys}})',
} as const;

/** Every key of the catalog. */
export type MessageKey = keyof typeof en;
/** A catalog: a translation for every key. */
export type Catalog = Record<MessageKey, string>;
