/**
 * The first `count` rows in the order of `compare`, exactly as `[...rows].sort(compare).slice(0, count)`
 * gives them when `compare` is a total order (no two rows equal), without sorting them all: a page of
 * 50 out of 100k clients keeps the best 50 so far in a heap whose root is the worst of them, so most
 * rows are compared once, against that root. Near the whole list a plain sort is as quick.
 */
export function firstInOrder<T>(rows: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (count * 4 >= rows.length) return [...rows].sort(compare).slice(0, count);
  const heap: T[] = [];
  for (const row of rows) {
    if (heap.length < count) {
      heap.push(row);
      siftUp(heap, heap.length - 1, compare);
    } else if (compare(row, heap[0] as T) < 0) {
      heap[0] = row;
      siftDown(heap, compare);
    }
  }
  return heap.sort(compare);
}

/** Moves the row at `index` up while it comes after its parent (the root is the last in order). */
function siftUp<T>(heap: T[], index: number, compare: (a: T, b: T) => number): void {
  const row = heap[index] as T;
  let at = index;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const above = heap[parent] as T;
    if (compare(row, above) <= 0) break;
    heap[at] = above;
    at = parent;
  }
  heap[at] = row;
}

/** Moves the root down while a child comes after it. */
function siftDown<T>(heap: T[], compare: (a: T, b: T) => number): void {
  const row = heap[0] as T;
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const later = right < heap.length && compare(heap[right] as T, heap[left] as T) > 0 ? right : left;
    const child = heap[later] as T;
    if (compare(child, row) <= 0) break;
    heap[at] = child;
    at = later;
  }
  heap[at] = row;
}
