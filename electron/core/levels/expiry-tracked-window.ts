import { BucketWindow } from '../breaker/bucket-window.ts';
import type { BucketWindowState } from '../breaker/bucket-window.ts';

/**
 * A bucket window that remembers when its totals next change by time alone, so the level engine
 * can re-arm its timer after every signal without scanning the ring (600 buckets for the loss
 * window). Signals only ever land in the newest bucket, whose expiry is the latest of all: the
 * oldest non-empty bucket, and so the answer, changes only when that bucket leaves the window or
 * when the window was empty. Only then is the ring scanned again, once per bucket at most.
 */
export class ExpiryTrackedWindow {
  private readonly window: BucketWindow;
  /** When the oldest non-empty bucket leaves; null when empty; undefined when it must be looked up. */
  private expiry: number | null | undefined = null;
  /** The window's newest bucket: the one every add lands in, even when the clock stepped back. */
  private newestSlot = Number.NEGATIVE_INFINITY;

  constructor(windowMs: number, fields: number) {
    this.window = BucketWindow.forWindow(windowMs, fields);
  }

  get windowMs(): number {
    return this.window.windowMs;
  }

  add(now: number, field: number, amount: number): void {
    this.window.add(now, field, amount);
    const slot = this.seen(now);
    // The remembered bucket has left: look the answer up again, or a clock that then steps back
    // would be told of an expiry that already happened.
    if (this.expiry != null && this.expiry <= now) this.expiry = undefined;
    if (amount === 0) return;
    // A bucket whose amounts cancel out counts as filled: its expiry then costs one refresh that changes nothing.
    if (this.expiry === null) this.expiry = (slot + this.window.bucketCount) * this.window.bucketMs;
  }

  total(now: number, field: number): number {
    this.seen(now);
    return this.window.total(now, field);
  }

  /**
   * BucketWindow.nextExpiryAt's answer, looked up again only once the remembered bucket has left;
   * the one difference is that a bucket whose amounts cancel out still counts as filled.
   */
  nextExpiryAt(now: number): number | null {
    this.seen(now);
    if (this.expiry === undefined || (this.expiry !== null && this.expiry <= now))
      this.expiry = this.window.nextExpiryAt(now);
    return this.expiry;
  }

  clear(): void {
    this.window.clear();
    this.expiry = null;
  }

  serialize(): BucketWindowState {
    return this.window.serialize();
  }

  restore(state: BucketWindowState): void {
    this.window.restore(state);
    if (state.buckets.length > 0) this.newestSlot = Math.max(this.newestSlot, state.lastSlot);
    this.expiry = undefined;
  }

  /**
   * Takes in a window saved at another length (the thresholds changed): each old bucket's amounts
   * land at the end of that bucket (never after `now`), so nothing is forgotten sooner than it would
   * have been, and what falls outside the new length leaves as time passes.
   */
  carryFrom(saved: { windowMs: number; state: BucketWindowState }, now: number): void {
    if (saved.windowMs === this.windowMs) {
      this.restore(saved.state);
      return;
    }
    const oldBucketMs = BucketWindow.forWindow(saved.windowMs, 1).bucketMs;
    const { buckets, lastSlot } = saved.state;
    buckets.forEach((amounts, index) => {
      const slot = lastSlot - (buckets.length - 1 - index);
      const at = Math.min(now, (slot + 1) * oldBucketMs - 1);
      amounts.forEach((amount, field) => {
        if (amount !== 0 && field < this.window.fields) this.add(at, field, amount);
      });
    });
  }

  private seen(now: number): number {
    this.newestSlot = Math.max(this.newestSlot, Math.floor(now / this.window.bucketMs));
    return this.newestSlot;
  }
}
