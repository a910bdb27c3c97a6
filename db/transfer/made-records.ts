import { KeyTable, grown } from './key-table.ts';

/**
 * The clients and contacts an import made (or a dry run pretended to), as the match index needs them
 * for later rows of the same file: their ids, packed as 16 bytes each when they are UUIDs (as every id
 * Rapport hands out is), the row that made them, a contact's folded name, and the contacts made for
 * each client (a chain from the last to the first). At a million rows this is a few dozen megabytes,
 * where an object with three strings a record, and a map of client and name to contact, were several
 * hundred.
 */
export class MadeRecords {
  #ids = new Uint32Array(8 * INITIAL);
  #rows = new Int32Array(INITIAL);
  #names = new TextList();
  /**
   * The contacts made for each client, made when a row first asks for one (contactNamed) and kept up to
   * date after: client id → the last contact made for it, and each contact → the one made for the same
   * client before (or -1). A file whose rows never match what it made itself never needs them, and at
   * a million rows the client ids alone were a third of the index.
   */
  #chains: { lastOfClient: KeyTable; previous: Int32Array } | undefined;
  /** Ids that are no lowercase UUID, by their place in #ids (client: 2n, contact: 2n + 1). */
  readonly #otherIds = new Map<number, string>();
  #count = 0;

  /** Remembers a record; returns its number here. */
  add(clientId: string, contactId: string | undefined, row: number, folded: string | undefined): number {
    const made = this.#count++;
    if (made === this.#rows.length) {
      this.#ids = grown(this.#ids, this.#ids.length * 2);
      this.#rows = grown(this.#rows, this.#rows.length * 2);
    }
    this.#pack(2 * made, clientId);
    this.#pack(2 * made + 1, contactId);
    this.#rows[made] = row;
    this.#names.push(folded ?? '');
    if (this.#chains !== undefined && contactId !== undefined) this.#chain(this.#chains, made, clientId);
    return made;
  }

  /** The last contact made for `clientId` whose folded name is `folded`, if one was. */
  contactNamed(clientId: string, folded: string): string | undefined {
    const { lastOfClient, previous } = this.#chainsMade();
    for (let made = lastOfClient.get(clientId) ?? -1; made >= 0; made = previous[made] as number)
      if (this.name(made) === folded) return this.contactId(made);
    return undefined;
  }

  /** The chains of contacts per client, made from every record so far on first use. */
  #chainsMade(): { lastOfClient: KeyTable; previous: Int32Array } {
    if (this.#chains !== undefined) return this.#chains;
    const chains = { lastOfClient: new KeyTable(), previous: new Int32Array(Math.max(this.#count, INITIAL)) };
    for (let made = 0; made < this.#count; made++)
      if (this.contactId(made) !== undefined) this.#chain(chains, made, this.clientId(made));
    this.#chains = chains;
    return chains;
  }

  #chain(chains: { lastOfClient: KeyTable; previous: Int32Array }, made: number, clientId: string): void {
    if (made >= chains.previous.length) chains.previous = grown(chains.previous, made + 1);
    chains.previous[made] = chains.lastOfClient.get(clientId) ?? -1;
    chains.lastOfClient.set(clientId, made);
  }

  clientId(made: number): string {
    return this.#unpack(2 * made) ?? '';
  }

  contactId(made: number): string | undefined {
    return this.#unpack(2 * made + 1);
  }

  row(made: number): number {
    return this.#rows[made] as number;
  }

  /** The folded name of a contact made. */
  name(made: number): string {
    return this.#names.at(made);
  }

  #pack(place: number, id: string | undefined): void {
    const at = 4 * place;
    if (id === undefined || !UUID.test(id)) {
      this.#ids.fill(0, at, at + 4);
      if (id !== undefined) this.#otherIds.set(place, id);
      return;
    }
    const hex = id.replaceAll('-', '');
    for (let word = 0; word < 4; word++)
      this.#ids[at + word] = Number.parseInt(hex.slice(8 * word, 8 * word + 8), 16);
    // A UUID's version nibble is never 0, so all-zero words mean "no id" (checked in #unpack).
  }

  #unpack(place: number): string | undefined {
    const other = this.#otherIds.get(place);
    if (other !== undefined) return other;
    const at = 4 * place;
    const words = this.#ids.subarray(at, at + 4);
    if (words.every((word) => word === 0)) return undefined;
    const hex = [...words].map((word) => word.toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** A UUID as Rapport writes them, with a version nibble other than 0 (so it never packs to zeros). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-9a-f][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INITIAL = 1024;

/** Texts end to end in one UTF-8 buffer. */
class TextList {
  #bytes = new Uint8Array(1 << 16);
  #ends = new Uint32Array(INITIAL);
  #count = 0;
  #used = 0;

  push(text: string): void {
    if (this.#count === this.#ends.length) this.#ends = grown(this.#ends, this.#count * 2);
    if (this.#bytes.length - this.#used < text.length * 3)
      this.#bytes = grown(this.#bytes, this.#used + text.length * 3);
    this.#used += encoder.encodeInto(text, this.#bytes.subarray(this.#used)).written;
    this.#ends[this.#count++] = this.#used;
  }

  at(index: number): string {
    const start = index === 0 ? 0 : (this.#ends[index - 1] as number);
    return decoder.decode(this.#bytes.subarray(start, this.#ends[index]));
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
