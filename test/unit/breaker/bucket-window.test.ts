import { describe, expect, it } from 'vitest';
import { BucketWindow } from '../../../electron/core/breaker/bucket-window.ts';
import { CountWindow, OUTCOME_FAILED, OUTCOME_SLOW } from '../../../electron/core/breaker/count-window.ts';

describe('BucketWindow', () => {
  it('sums per field over the window and drops buckets as time moves', () => {
    const w = new BucketWindow(5_000, 5, 2);
    w.add(0, 0, 1);
    w.add(1_500, 0, 2);
    w.add(1_500, 1, 7);
    expect([w.total(1_999, 0), w.total(1_999, 1)]).toEqual([3, 7]);
    // At 5 000 the bucket [0, 1000) has left the window; [1000, 2000) leaves at 6 000.
    expect(w.total(5_000, 0)).toBe(2);
    expect(w.total(6_000, 0)).toBe(0);
    expect(w.total(6_000, 1)).toBe(0);
  });

  it('forgets everything after an idle period longer than the window', () => {
    const w = new BucketWindow(300_000, 300, 1);
    for (let t = 0; t < 10_000; t += 10) w.add(t, 0, 1);
    expect(w.total(10_000, 0)).toBe(1_000);
    expect(w.total(10_000 + 3_600_000, 0)).toBe(0);
  });

  it('tells when the oldest value leaves the window', () => {
    const w = new BucketWindow(10_000, 10, 1);
    expect(w.nextExpiryAt(0)).toBeNull();
    w.add(2_500, 0, 1);
    w.add(7_200, 0, 1);
    expect(w.nextExpiryAt(8_000)).toBe(12_000);
    expect(w.total(12_000, 0)).toBe(1);
    expect(w.nextExpiryAt(12_000)).toBe(17_000);
  });

  it('records into the current bucket when the clock steps back', () => {
    const w = new BucketWindow(10_000, 10, 1);
    w.add(5_000, 0, 1);
    w.add(1_000, 0, 1);
    expect(w.total(5_000, 0)).toBe(2);
    expect(w.nextExpiryAt(5_000)).toBe(15_000);
  });

  it('serialises and restores to the same totals and expiry', () => {
    const w = new BucketWindow(60_000, 60, 2);
    w.add(1_000, 0, 3);
    w.add(30_000, 1, -2.5);
    const copy = new BucketWindow(60_000, 60, 2);
    copy.restore(JSON.parse(JSON.stringify(w.serialize())));
    for (const t of [30_000, 61_000, 90_500]) {
      expect([copy.total(t, 0), copy.total(t, 1), copy.nextExpiryAt(t)]).toEqual([
        w.total(t, 0),
        w.total(t, 1),
        w.nextExpiryAt(t),
      ]);
    }
  });

  it('rejects bad shapes with the value', () => {
    expect(() => new BucketWindow(1_000, 0, 1)).toThrow('bucketCount must be an integer ≥ 1 (got 0)');
    expect(() => new BucketWindow(1_000, 10, 0)).toThrow('fields must be an integer ≥ 1 (got 0)');
  });
});

describe('CountWindow', () => {
  it('keeps running counters over the last size outcomes', () => {
    const w = new CountWindow(3);
    w.record(OUTCOME_FAILED);
    w.record(OUTCOME_SLOW);
    w.record(OUTCOME_FAILED | OUTCOME_SLOW);
    expect([w.calls, w.failures, w.slow]).toEqual([3, 2, 2]);
    w.record(0);
    expect([w.calls, w.failures, w.slow]).toEqual([3, 1, 2]);
    expect(w.serialize()).toEqual([OUTCOME_SLOW, OUTCOME_FAILED | OUTCOME_SLOW, 0]);
    const copy = new CountWindow(2);
    copy.restore(w.serialize());
    expect([copy.calls, copy.failures, copy.slow]).toEqual([2, 1, 1]);
  });
});
