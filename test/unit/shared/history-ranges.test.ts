import { describe, expect, it } from 'vitest';
import { HISTORY_RANGES, rangeEndingNow } from '../../../renderer/src/history/history-range.ts';
import { contract } from '../../../shared/contract.ts';

describe('the History screen ranges', () => {
  const now = Date.UTC(2026, 11, 5, 14, 31, 20);

  it('offer 1 h, 6 h, 24 h, 7 d, 30 d and 1 y', () => {
    expect(HISTORY_RANGES.map((r) => r.label)).toEqual(['1 h', '6 h', '24 h', '7 d', '30 d', '1 y']);
    const hour = rangeEndingNow('1h', now);
    expect(hour.to).toBe(Date.UTC(2026, 11, 5, 14, 32));
    expect(hour.to - hour.from).toBe(3_600_000);
  });

  it('each asks the core for what its contract accepts', () => {
    for (const { id } of HISTORY_RANGES) {
      const { from, to, bucket } = rangeEndingNow(id, now);
      const series = contract['history.series'].input.safeParse({ from, to, bucket, service: 'broker' });
      expect(series.success, `${id}: ${series.error?.message}`).toBe(true);
      expect(contract['history.levelTimeline'].input.safeParse({ from, to }).success).toBe(true);
      expect(contract['history.checkpoints'].input.safeParse({ from, to }).success).toBe(true);
    }
  });
});
