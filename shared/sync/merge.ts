/**
 * The merge rule of SYNC.md, shared by the server and every device: field-level last-writer-wins by
 * hybrid logical clock. Clocks are encoded so that string order is clock order (ties broken by node id
 * inside the clock), so "newer" is a plain string comparison and no two writes are ever equal unless
 * they are the same write.
 */

/** One field's state: its value (as stored JSON text) and the clock of the write that set it. */
export interface FieldState {
  value: string;
  hlc: string;
}

/** True when a write with clock `incoming` replaces a field last written at `current`. */
export function wins(incoming: string, current: string | null | undefined): boolean {
  return current === null || current === undefined || incoming > current;
}

/** The field after a write arrives: the newer of the two. Commutative, associative and idempotent. */
export function mergeField(current: FieldState | undefined, incoming: FieldState): FieldState {
  return current === undefined || wins(incoming.hlc, current.hlc) ? incoming : current;
}
