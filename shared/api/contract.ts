import type { z } from 'zod';
import { AppInfo, LoadDemoInput, LoadDemoResult } from '../domain/app.ts';
import {
  Client,
  ClientCreateInput,
  ClientListInput,
  ClientMergeInput,
  DismissDuplicateInput,
  PossibleDuplicates,
  ClientPage,
  ClientUpdateInput,
  ClientSummary,
  RevenueCurrencies,
} from '../domain/client.ts';
import { ById, NoInput } from '../domain/common.ts';
import { HistoryForRecordInput, HistoryPage, UndoResult } from '../domain/history.ts';

import type { MethodSpec } from './method-spec.ts';
import { analyticsMethods } from './methods/analytics.ts';
import { syncMethods } from './methods/sync.ts';
import { contactMethods } from './methods/contacts.ts';
import { dealMethods } from './methods/deals.ts';
import { interactionMethods } from './methods/interactions.ts';
import { reminderMethods } from './methods/reminders.ts';
import { searchMethods } from './methods/search.ts';
import { storageMethods } from './methods/storage.ts';
import { transferMethods } from './methods/transfer.ts';
import { teamMethods } from './methods/team.ts';

export type { MethodSpec } from './method-spec.ts';

/**
 * The single source of truth of the API between the UI and the backend. Method names are
 * `entity.verb`; each takes one object. Handlers (db/handlers) and callers are typed from this map.
 */
export const contract = {
  /** Version, schema version and data folder of the running backend. */
  'app.info': { input: NoInput, output: AppInfo, readOnly: true },
  /** Fill an empty database with a demo company, in one transaction; `conflict` when it has data. */
  'app.loadDemo': { input: LoadDemoInput, output: LoadDemoResult },
  /** Create a client, a company or a person. */
  'clients.create': { input: ClientCreateInput, output: Client },
  /** Read one client by id; `not_found` when it does not exist or was deleted. */
  'clients.get': { input: ById, output: Client, readOnly: true },
  /** List clients by name, a page at a time (keyset pagination). */
  'clients.list': { input: ClientListInput, output: ClientPage, readOnly: true },
  /** Lifetime revenue and profit, and counts of open invoices, deals and follow-ups, for the client's header. */
  'clients.summary': { input: ById, output: ClientSummary, readOnly: true },
  /** The currencies clients have paid in, most used first (for sorting clients by revenue). */
  'clients.revenueCurrencies': { input: NoInput, output: RevenueCurrencies, readOnly: true },
  /** Change some fields of a client; each change is recorded in its history. */
  'clients.update': { input: ClientUpdateInput, output: Client },
  /** Delete a client (softly: it can be restored, and `history.undo` brings it back). */
  'clients.delete': { input: ById, output: Client },
  /** Bring back a deleted client. */
  'clients.restore': { input: ById, output: Client },
  /**
   * Merge a duplicate into another client: its contacts, calls, follow-ups, deals, payments, offers,
   * requests and tags move to `intoId`, empty fields there are filled from it, and it is deleted. One
   * `history.undo` reverts the merge. Returns the client merged into.
   */
  'clients.merge': { input: ClientMergeInput, output: Client },
  /**
   * Live clients that may be this one entered twice: the same name (ignoring case, accents, punctuation
   * and legal forms such as LLP or ТОО), or a contact with the same phone or email.
   */
  'clients.possibleDuplicates': { input: ById, output: PossibleDuplicates, readOnly: true },
  /** "Not a duplicate": stop suggesting this pair on this laptop. */
  'clients.dismissDuplicate': { input: DismissDuplicateInput, output: PossibleDuplicates },
  /** The change history of one record, newest first: who changed which field, from what, to what, when. */
  'history.forRecord': { input: HistoryForRecordInput, output: HistoryPage, readOnly: true },
  /** Undo the last change made on this device; call again to undo the one before. */
  'history.undo': { input: NoInput, output: UndoResult },
  ...teamMethods,
  ...analyticsMethods,
  ...contactMethods,
  ...interactionMethods,
  ...dealMethods,
  ...searchMethods,
  ...reminderMethods,
  ...syncMethods,
  ...storageMethods,
  ...transferMethods,
} as const satisfies Record<string, MethodSpec>;

/** Every method name of the API. */
export type Method = keyof typeof contract;
/** Methods that talk to the sync server (run outside a transaction, asynchronously). */
export type NetworkMethod = {
  [M in Method]: (typeof contract)[M] extends { network: true } ? M : never;
}[Method];
/** Long jobs over files (imports, exports), served by db/transfer/service.ts. */
export type JobMethod = {
  [M in Method]: (typeof contract)[M] extends { job: true } ? M : never;
}[Method];
/** Methods answered from the local database alone, each in one transaction. */
export type LocalMethod = Exclude<Method, NetworkMethod | JobMethod>;
/** Local methods that only read: their handlers get a context that cannot write (db/handlers/context.ts). */
export type ReadOnlyMethod = {
  [M in LocalMethod]: (typeof contract)[M] extends { readOnly: true } ? M : never;
}[LocalMethod];
/** What a caller passes to method `M` (defaults may be omitted). */
export type MethodInput<M extends Method> = z.input<(typeof contract)[M]['input']>;
/** What a handler of method `M` receives, after validation and defaults. */
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
/** What method `M` returns. */
export type MethodOutput<M extends Method> = z.output<(typeof contract)[M]['output']>;

/** True when method `name` talks to the sync server. */
export function isNetworkMethod(name: Method): name is NetworkMethod {
  const spec: MethodSpec = contract[name];
  return spec.network === true;
}

/** True when method `name` is a long job over files. */
export function isJobMethod(name: Method): name is JobMethod {
  const spec: MethodSpec = contract[name];
  return spec.job === true;
}

/** True when method `name` only reads (see ReadOnlyMethod). */
export function isReadOnlyMethod(name: LocalMethod): name is ReadOnlyMethod {
  const spec: MethodSpec = contract[name];
  return spec.readOnly === true;
}

/** True when `name` is a method of the contract. */
export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}
