const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Makes a UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made on different
 * devices never collide and sort roughly by creation time, which keeps B-tree inserts local.
 *
 * `random` gives the 10 bytes after the time (their version and variant bits are overwritten); by
 * default they come from the platform's CSPRNG. The bulk seeder passes its own: a counter in the first 12
 * bits keeps ids rising within one millisecond (RFC 9562 §6.2, method 1), and seeded bytes make the same
 * data twice.
 */
export function uuidv7(nowMs: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  const bytes = new Uint8Array(16);
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return formatUuid(bytes);
}

/**
 * Random bytes from the platform's CSPRNG, drawn a few kilobytes at a time and each handed out once: one
 * call per id made the CSPRNG's per-call cost a noticeable part of an import of a hundred thousand rows.
 * The answer is a view that a later call overwrites: copy it before asking again.
 */
function randomBytes(count: number): Uint8Array {
  if (poolAt + count > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += count;
  return pool.subarray(poolAt - count, poolAt);
}

const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** The canonical text of 16 bytes: lowercase hex in 8-4-4-4-12 groups. */
export function formatUuid(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) hex += '-';
    hex += HEX[bytes[i] ?? 0] ?? '00';
  }
  return hex;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` is a lowercase canonical UUID. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
