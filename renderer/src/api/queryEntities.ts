import type { Method } from '../../../shared/api/contract.ts';
import { type EntityName, entityNames } from '../../../shared/domain/entities.ts';

/** The part of a method's name before the dot: `clients` of `clients.list`. */
type Namespace = Method extends `${infer N}.${string}` ? N : never;

/** What `data.changed` can name: every record kind, plus the backend's own reminder and conflict lists. */
type ChangedEntity =
  EntityName | 'reminder' | 'syncConflict' | 'syncSetAside' | 'importRun' | 'analyticsSettings';

/**
 * The entity each namespace of methods reads and writes, as `data.changed` names it. Namespaces with no
 * records of their own (app, history, search, sync) get a name of their own so their keys stay apart.
 */
const entityOfNamespace = {
  app: 'app',
  clients: 'client',
  history: 'history',
  users: 'teamMember',
  tags: 'tag',
  contacts: 'contact',
  interactions: 'interaction',
  followups: 'followup',
  deals: 'deal',
  payments: 'payment',
  competitorOffers: 'competitorOffer',
  serviceRequests: 'serviceRequest',
  campaigns: 'campaign',
  search: 'search',
  reminders: 'reminder',
  sync: 'sync',
  files: 'file',
  imports: 'importRun',
  exports: 'export',
  analytics: 'analyticsSettings',
} as const satisfies Record<Namespace, string>;

const everyEntity: readonly ChangedEntity[] = [
  ...entityNames,
  'reminder',
  'syncConflict',
  'syncSetAside',
  'importRun',
];

/**
 * What else an answer shows, so that a change there must refetch it. The one table to read when a screen
 * shows something stale. A namespace's line covers all its methods; a method's line adds to it.
 * - A client carries its tags and rollups: last contact and going quiet (interactions), next follow-up,
 *   revenue (payments), open deals; its possible duplicates compare contacts.
 * - Follow-ups, reminders and recent interactions show their client's and contact's names.
 * - A client's tags are client-tag links; campaigns list their members.
 * - History and search read every kind of record.
 * - Sync status counts the conflicts waiting to be settled and the changes set aside.
 */
const alsoReads: Partial<Record<Namespace | Method, readonly ChangedEntity[]>> = {
  clients: ['tag', 'clientTag', 'interaction', 'followup', 'payment', 'deal', 'contact'],
  followups: ['client', 'contact'],
  reminders: ['followup', 'client'],
  interactions: ['client', 'contact'],
  contacts: ['client'],
  tags: ['clientTag'],
  campaigns: ['campaignMember', 'client'],
  history: everyEntity,
  search: everyEntity,
  // Insights are figures over every kind of record.
  analytics: everyEntity,
  // An import (or its undo) changes records of every kind; the list of imports shows their counts.
  imports: everyEntity,
  'sync.status': ['syncConflict', 'syncSetAside'],
  'sync.setAside': ['syncSetAside'],
  'sync.conflicts': ['syncConflict'],
};

function namespaceOf(method: Method): Namespace {
  // Every method name is `namespace.verb` (the contract's rule), so the text before the dot is one.
  return method.slice(0, method.indexOf('.')) as Namespace;
}

/** The entity a method belongs to: the first part of its cache key. */
export function entityOf(method: Method): string {
  return entityOfNamespace[namespaceOf(method)];
}

const readsCache = new Map<Method, ReadonlySet<string>>();

/** Every entity whose change makes the answer of `method` stale. */
export function entitiesReadBy(method: Method): ReadonlySet<string> {
  let reads = readsCache.get(method);
  if (!reads) {
    const namespace = namespaceOf(method);
    reads = new Set([entityOf(method), ...(alsoReads[namespace] ?? []), ...(alsoReads[method] ?? [])]);
    readsCache.set(method, reads);
  }
  return reads;
}

/**
 * The cache key of a call: its entity, the method and the WHOLE input, so two screens asking the same
 * method different things (all members or active ones, 100 contacts or 200) never share an answer.
 */
export function apiQueryKey(method: Method, input: unknown): readonly [string, Method, unknown] {
  return [entityOf(method), method, input ?? {}];
}
