/**
 * Text keys to numbers, kept in a few typed arrays (open addressing, linear probing) instead of a Map of
 * strings to objects: the keys’ UTF-8 bytes sit end to end in one buffer, so a key costs its bytes and
 * about twenty more, the garbage collector has nothing to trace, and a million emails take tens of
 * megabytes instead of hundreds. Keys are compared byte for byte, so a lookup is as exact as a Map's.
 */
export class KeyTable {
  /** Entry + 1 in each slot, 0 for an empty one; a quarter of them empty at least. */
  #slots = new Int32Array(INITIAL_SLOTS);
  #count = 0;
  #hashes = new Uint32Array(INITIAL_SLOTS / 2);
  /** Where each key's bytes start; they end where the next key's start (the last's at #used). */
  #starts = new Uint32Array(INITIAL_SLOTS / 2);
  /** Whole numbers in 32 bits, as rowids and the numbers of records made are; any other value widens them. */
  #values: Int32Array | Float64Array = new Int32Array(INITIAL_SLOTS / 2);
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  /** The key being looked up, encoded (grown as keys need). */
  #key = new Uint8Array(256);
  #keyLength = 0;
  #hash = 0;

  get size(): number {
    return this.#count;
  }

  /** The number kept for `key`, if there is one. */
  get(key: string): number | undefined {
    const entry = this.#find(key);
    return entry < 0 ? undefined : this.#values[entry];
  }

  /**
   * Makes room for `count` keys in all, so that loading a known number of them neither grows the arrays
   * nor spreads the slots again on the way (at 300k contacts, a tenth of the index's loading time).
   */
  reserve(count: number): void {
    if (count > this.#hashes.length) this.#growEntries(count);
    let slots = this.#slots.length;
    while (count * 4 > slots * 3) slots *= 2;
    if (slots > this.#slots.length) this.#rehash(slots);
  }

  /** Keeps `value` for `key` unless the key has one already (the first record with a key keeps it). */
  setOnce(key: string, value: number): void {
    if (this.#find(key) < 0) this.#append(value);
  }

  /** Keeps `value` for `key`, over any it had. */
  set(key: string, value: number): void {
    const entry = this.#find(key);
    if (entry < 0) this.#append(value);
    else {
      this.#fit(value);
      this.#values[entry] = value;
    }
  }

  /** Widens the values to 64-bit floats when `value` is no 32-bit whole number. */
  #fit(value: number): void {
    if (this.#values instanceof Int32Array && ((value | 0) !== value || Object.is(value, -0))) {
      const wide = new Float64Array(this.#values.length);
      wide.set(this.#values);
      this.#values = wide;
    }
  }

  /** Encodes `key` into #key and returns its entry, or -1 (its hash then in #hash). */
  #find(key: string): number {
    this.#encode(key);
    const hash = hashOf(this.#key, this.#keyLength);
    this.#hash = hash;
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.#slots[slot] as number) - 1;
      if (entry < 0) return -1;
      if (this.#hashes[entry] === hash && this.#equals(entry)) return entry;
    }
  }

  #encode(key: string): void {
    if (this.#key.length < key.length * 3) this.#key = new Uint8Array(key.length * 3);
    this.#keyLength = encoder.encodeInto(key, this.#key).written;
  }

  #equals(entry: number): boolean {
    const length = this.#keyLength;
    const start = this.#starts[entry] as number;
    const end = entry + 1 < this.#count ? (this.#starts[entry + 1] as number) : this.#used;
    if (end - start !== length) return false;
    const bytes = this.#bytes;
    const key = this.#key;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== key[i]) return false;
    return true;
  }

  /** Adds the key last given to #find, with its value. */
  #append(value: number): void {
    const entry = this.#count;
    if (entry === this.#hashes.length) this.#growEntries();
    this.#fit(value);
    if (this.#used + this.#keyLength > this.#bytes.length)
      this.#bytes = grown(this.#bytes, this.#used + this.#keyLength);
    this.#bytes.set(this.#key.subarray(0, this.#keyLength), this.#used);
    this.#hashes[entry] = this.#hash;
    this.#starts[entry] = this.#used;
    this.#values[entry] = value;
    this.#used += this.#keyLength;
    this.#count++;
    if (this.#count * 4 > this.#slots.length * 3) this.#rehash(this.#slots.length * 2);
    else this.#place(entry, this.#slots);
  }

  #growEntries(atLeast = 0): void {
    const size = Math.max(this.#hashes.length * 2, atLeast);
    this.#hashes = grown(this.#hashes, size);
    this.#starts = grown(this.#starts, size);
    this.#values = grown(this.#values, size);
  }

  /** Spreads the entries over `size` slots, in the order they came (so equal hashes probe in order). */
  #rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let entry = 0; entry < this.#count; entry++) this.#place(entry, slots);
    this.#slots = slots;
  }

  #place(entry: number, slots: Int32Array): void {
    const mask = slots.length - 1;
    let slot = (this.#hashes[entry] as number) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }
}

const INITIAL_SLOTS = 1024;
const encoder = new TextEncoder();

/** FNV-1a of the first `length` bytes, mixed at the end so that the low bits (the slot) vary. */
function hashOf(bytes: Uint8Array, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** A copy of `array` with room for at least `size` items (doubling, so appends stay cheap). */
export function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(
  array: T,
  size: number,
): T {
  let length = Math.max(array.length * 2, 1);
  while (length < size) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
