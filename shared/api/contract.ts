import type { z } from 'zod';
import { AppInfo } from '../domain/app.ts';
import { Client, ClientCreateInput, ClientListInput, ClientPage } from '../domain/client.ts';
import { ById, NoInput } from '../domain/common.ts';

/** One API method: the schema of its single input object and of its result. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** Reads only: the backend runs it in a read transaction and never records a change. */
  readOnly?: true;
}

/**
 * The single source of truth of the API between the UI and the backend. Method names are
 * `entity.verb`; each takes one object. Handlers (db/handlers) and callers are typed from this map.
 */
export const contract = {
  /** Version, schema version and data folder of the running backend. */
  'app.info': { input: NoInput, output: AppInfo, readOnly: true },
  /** Create a client, a company or a person. */
  'clients.create': { input: ClientCreateInput, output: Client },
  /** Read one client by id; `not_found` when it does not exist or was deleted. */
  'clients.get': { input: ById, output: Client, readOnly: true },
  /** List clients by name, a page at a time (keyset pagination). */
  'clients.list': { input: ClientListInput, output: ClientPage, readOnly: true },
} as const satisfies Record<string, MethodSpec>;

/** Every method name of the API. */
export type Method = keyof typeof contract;
/** What a caller passes to method `M` (defaults may be omitted). */
export type MethodInput<M extends Method> = z.input<(typeof contract)[M]['input']>;
/** What a handler of method `M` receives, after validation and defaults. */
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
/** What method `M` returns. */
export type MethodOutput<M extends Method> = z.output<(typeof contract)[M]['output']>;

/** True when `name` is a method of the contract. */
export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}
