/**
 * A time window as a ring of fixed-size buckets with running totals per field: O(1) amortised
 * `add`, memory fixed at construction, and buckets older than the window are dropped as time
 * moves, so the window forgets after an idle period. The window covers the current bucket and
 * the `bucketCount - 1` before it.
 */
export interface BucketWindowState {
  lastSlot: number;
  /** One array of field values per bucket, oldest first, the last one being `lastSlot`. */
  buckets: number[][];
}

export class BucketWindow {
  readonly windowMs: number;
  readonly bucketMs: number;
  readonly bucketCount: number;
  readonly fields: number;
  private readonly values: Float64Array;
  private readonly totals: Float64Array;
  private lastSlot = Number.NEGATIVE_INFINITY;
  /** Index in `values` of the current bucket's first field. */
  private currentBase = 0;

  constructor(windowMs: number, bucketCount: number, fields: number) {
    if (!Number.isInteger(bucketCount) || bucketCount < 1)
      throw new RangeError(`bucketCount must be an integer ≥ 1 (got ${bucketCount})`);
    if (!Number.isFinite(windowMs) || windowMs < bucketCount)
      throw new RangeError(`windowMs must be ≥ bucketCount (got ${windowMs})`);
    if (!Number.isInteger(fields) || fields < 1)
      throw new RangeError(`fields must be an integer ≥ 1 (got ${fields})`);
    this.windowMs = windowMs;
    this.bucketCount = bucketCount;
    this.bucketMs = Math.ceil(windowMs / bucketCount);
    this.fields = fields;
    this.values = new Float64Array(bucketCount * fields);
    this.totals = new Float64Array(fields);
  }

  /** About one bucket per second, at most 600 buckets. */
  static forWindow(windowMs: number, fields: number): BucketWindow {
    return new BucketWindow(windowMs, Math.max(1, Math.min(600, Math.ceil(windowMs / 1000))), fields);
  }

  add(now: number, field: number, amount: number): void {
    this.advance(now);
    this.values[this.currentBase + field]! += amount;
    this.totals[field]! += amount;
  }

  total(now: number, field: number): number {
    this.advance(now);
    return this.totals[field]!;
  }

  clear(): void {
    this.values.fill(0);
    this.totals.fill(0);
  }

  /** When the oldest non-empty bucket leaves the window (totals change then), or null if empty. */
  nextExpiryAt(now: number): number | null {
    this.advance(now);
    for (let age = this.bucketCount - 1; age >= 0; age--) {
      const slot = this.lastSlot - age;
      if (this.bucketHasValues(slot)) return (slot + this.bucketCount) * this.bucketMs;
    }
    return null;
  }

  serialize(): BucketWindowState {
    const buckets: number[][] = [];
    if (Number.isFinite(this.lastSlot)) {
      // Read straight from the values: a subarray per bucket made every engine-state save slow.
      for (let age = this.bucketCount - 1; age >= 0; age--) {
        const base = this.position(this.lastSlot - age) * this.fields;
        const bucket = new Array<number>(this.fields);
        for (let f = 0; f < this.fields; f++) bucket[f] = this.values[base + f] ?? 0;
        buckets.push(bucket);
      }
    }
    return { lastSlot: Number.isFinite(this.lastSlot) ? this.lastSlot : 0, buckets };
  }

  /** Loads a serialised state; buckets that do not fit this window's shape are dropped. */
  restore(state: BucketWindowState): void {
    this.clear();
    if (state.buckets.length === 0) return;
    this.lastSlot = state.lastSlot;
    this.currentBase = this.position(state.lastSlot) * this.fields;
    const kept = state.buckets.slice(-this.bucketCount);
    kept.forEach((bucket, index) => {
      const slot = state.lastSlot - (kept.length - 1 - index);
      const base = this.position(slot) * this.fields;
      for (let f = 0; f < this.fields; f++) {
        const value = bucket[f] ?? 0;
        this.values[base + f] = value;
        this.totals[f]! += value;
      }
    });
  }

  private advance(now: number): void {
    const slot = Math.floor(now / this.bucketMs);
    // A clock that steps back records into the current bucket rather than rewriting history.
    if (slot <= this.lastSlot) return;
    if (slot - this.lastSlot >= this.bucketCount) {
      this.clear();
    } else {
      for (let s = this.lastSlot + 1; s <= slot; s++) this.clearBucket(s);
    }
    this.lastSlot = slot;
    this.currentBase = this.position(slot) * this.fields;
  }

  private clearBucket(slot: number): void {
    const base = this.position(slot) * this.fields;
    for (let f = 0; f < this.fields; f++) {
      this.totals[f]! -= this.values[base + f]!;
      this.values[base + f] = 0;
    }
  }

  private bucketHasValues(slot: number): boolean {
    const base = this.position(slot) * this.fields;
    for (let f = 0; f < this.fields; f++) if (this.values[base + f] !== 0) return true;
    return false;
  }

  private position(slot: number): number {
    return ((slot % this.bucketCount) + this.bucketCount) % this.bucketCount;
  }
}
