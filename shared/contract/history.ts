import {
  auditQuerySchema,
  exportQuerySchema,
  recentResultsQuerySchema,
  serviceSeriesQuerySchema,
  timeRangeSchema,
  type AuditPage,
  type CheckpointRow,
  type LevelTimelinePoint,
  type SeriesBucket,
  type SeriesPoint,
  type StoredResult,
} from '../history.ts';
import { method } from './define.ts';

const BUCKET_MS: Record<SeriesBucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A chart never needs more points than this: 14 days of minutes, 2.3 years of hours, any days. */
export const MAX_SERIES_POINTS = 20_160;

/** Bigger exports are refused: the result travels in one IPC or HTTP message. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;

const seriesInput = serviceSeriesQuerySchema.refine(
  (q) => (q.to - q.from) / BUCKET_MS[q.bucket] <= MAX_SERIES_POINTS,
  {
    path: ['bucket'],
    error: (iss) => {
      const q = iss.input as { bucket: SeriesBucket };
      const days = (MAX_SERIES_POINTS * BUCKET_MS[q.bucket]) / BUCKET_MS.day;
      return `a ${q.bucket} series covers at most ${days} days; pick a larger bucket or a shorter range`;
    },
  },
);

export interface HistoryExport {
  fileName: string;
  mime: 'text/csv' | 'application/json';
  content: string;
  /** rows in the export (results or audit events) */
  rows: number;
}

/** The history screens: level timeline, per-service charts, checkpoints, audit log, exports. */
export const historyMethods = {
  /** Level changes in [from, to), led by the level in force at `from`. */
  'history.levelTimeline': method<LevelTimelinePoint[]>()(timeRangeSchema),
  /** Buckets with data only, from the bucket's rollup table. */
  'history.series': method<SeriesPoint[]>()(seriesInput),
  /** Market open/close checks whose due time is in [from, to), missed ones included. */
  'history.checkpoints': method<CheckpointRow[]>()(timeRangeSchema),
  /** Newest first, with the total for paging. */
  'history.audit': method<AuditPage>()(auditQuerySchema),
  /** Newest first. */
  'history.recentResults': method<StoredResult[]>()(recentResultsQuerySchema.prefault({})),
  /** Results or the audit log of [from, to) as CSV or JSON, at most MAX_EXPORT_BYTES. */
  'history.export': method<HistoryExport>()(exportQuerySchema),
};
