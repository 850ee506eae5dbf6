/**
 * Holds a shard's accepted events until the watermark passes them, then hands them on in time order
 * (events of equal time in arrival order). The gate decides the watermark; this only sorts and cuts.
 */
export class ReorderBuffer<T extends { ts: number }> {
  private pending: T[] = [];

  get size(): number {
    return this.pending.length;
  }

  add(event: T): void {
    this.pending.push(event);
  }

  /** Events at or before `mark`, oldest first. */
  release(mark: number): T[] {
    if (this.pending.length === 0) return [];
    // Nearly sorted input: V8's TimSort (stable) makes this close to linear.
    this.pending.sort((a, b) => a.ts - b.ts);
    const cut = firstAfter(this.pending, mark);
    const out = cut === this.pending.length ? this.pending : this.pending.slice(0, cut);
    this.pending = cut === this.pending.length ? [] : this.pending.slice(cut);
    return out;
  }
}

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
