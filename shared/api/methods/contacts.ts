import { ById } from '../../domain/common.ts';
import {
  Contact,
  ContactCreateInput,
  ContactListInput,
  ContactPage,
  ContactUpdateInput,
} from '../../domain/contact.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Contacts: the people at a client (contacts.*). */
export const contactMethods = {
  /** Add a person at a client; the client's first contact becomes its primary one. */
  'contacts.create': { input: ContactCreateInput, output: Contact },
  'contacts.get': { input: ById, output: Contact, readOnly: true },
  /** A client's contacts (primary first, then by name), or all contacts by name. */
  'contacts.list': { input: ContactListInput, output: ContactPage, readOnly: true },
  /** Change fields; making a contact primary takes the flag from the client's other contacts. */
  'contacts.update': { input: ContactUpdateInput, output: Contact },
  'contacts.delete': { input: ById, output: Contact },
  'contacts.restore': { input: ById, output: Contact },
} as const satisfies Record<string, MethodSpec>;
