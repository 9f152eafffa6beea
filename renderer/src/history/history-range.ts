import type { SeriesBucket } from '../../../shared/history.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The chart spans of the History screen, each read from the rollup that fits it. */
export const HISTORY_RANGES = [
  { id: '1h', label: '1 h', spanMs: HOUR, bucket: 'minute' },
  { id: '6h', label: '6 h', spanMs: 6 * HOUR, bucket: 'minute' },
  { id: '24h', label: '24 h', spanMs: DAY, bucket: 'minute' },
  { id: '7d', label: '7 d', spanMs: 7 * DAY, bucket: 'hour' },
  { id: '30d', label: '30 d', spanMs: 30 * DAY, bucket: 'hour' },
  { id: '1y', label: '1 y', spanMs: 365 * DAY, bucket: 'day' },
] as const satisfies readonly { id: string; label: string; spanMs: number; bucket: SeriesBucket }[];
export type HistoryRangeId = (typeof HISTORY_RANGES)[number]['id'];

/** [from, to) ending at the next whole minute, so query keys stay stable within a minute. */
export function rangeEndingNow(id: HistoryRangeId, now: number) {
  const range = HISTORY_RANGES.find((r) => r.id === id) ?? HISTORY_RANGES.find((r) => r.id === '24h')!;
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  return { from: to - range.spanMs, to, bucket: range.bucket, spanMs: range.spanMs };
}
