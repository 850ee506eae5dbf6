/**
 * Holds a shard's accepted events until the watermark passes them, then hands them on in time order
 * (events of equal time in arrival order). The watermark is decided elsewhere; this only sorts and cuts,
 * in place: one array for the life of the buffer.
 */
export class ReorderBuffer<T extends { ts: number }> {
  private readonly pending: T[] = [];
  private sorted = 0;

  get size(): number {
    return this.pending.length;
  }

  add(event: T): void {
    this.pending.push(event);
  }

  /** Calls `take` with each event at or before `mark`, oldest first, and drops them. */
  release(mark: number, take: (event: T) => void): void {
    const { pending } = this;
    if (pending.length === 0) return;
    // Nearly sorted input (the part left from the last release already is): V8's TimSort (stable)
    // makes this close to linear.
    if (this.sorted < pending.length) pending.sort(byTime);
    const cut = firstAfter(pending, mark);
    for (let i = 0; i < cut; i += 1) take(pending[i] as T);
    pending.copyWithin(0, cut);
    pending.length -= cut;
    this.sorted = pending.length;
  }
}

const byTime = (a: { ts: number }, b: { ts: number }): number => a.ts - b.ts;

function firstAfter<T extends { ts: number }>(sorted: T[], mark: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as T).ts <= mark) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
