import type { ImportKind } from './importWizard.ts';

/** What a file can hold, in the order the wizard offers them. */
export const importTypes = [
  'clients',
  'contacts',
  'interactions',
  'deals',
  'payments',
  'followups',
] as const satisfies readonly ImportKind[];

/** The label of each kind of file. */
export const importTypeLabelKey = {
  clients: 'transfer.type.clients',
  contacts: 'transfer.type.contacts',
  interactions: 'transfer.type.interactions',
  deals: 'transfer.type.deals',
  payments: 'transfer.type.payments',
  followups: 'transfer.type.followups',
} as const satisfies Record<ImportKind, string>;

/** The label of a past import's type, as the list of imports names it (any string the backend kept). */
export function importTypeLabel(type: string): (typeof importTypeLabelKey)[ImportKind] | null {
  const kind = importTypes.find((candidate) => candidate === type);
  return kind ? importTypeLabelKey[kind] : null;
}
