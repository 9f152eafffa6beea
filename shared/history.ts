import { z } from 'zod';
import type { AuditEvent } from './audit.ts';
import type { LevelName } from './levels.ts';
import type { ProbeResult } from './probe.ts';

/** Query inputs and result rows of the history store, shared by the contract and the UI. */

/** 'missed': a scheduled check that never ran (the computer slept or the app was closed when it fell due). */
export const CHECK_REASONS = ['manual', 'scheduled', 'interval', 'catch_up', 'trial', 'missed'] as const;
export type CheckReason = (typeof CHECK_REASONS)[number];

/** Each bucket reads its own rollup table; the UI picks minute for 24 h, hour for 30 d, day for 1 y. */
export const SERIES_BUCKETS = ['minute', 'hour', 'day'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

export const AUDIT_KINDS = ['level', 'breaker', 'manual'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const EXPORT_WHAT = ['results', 'audit'] as const;
export const EXPORT_FORMATS = ['csv', 'json'] as const;

const epochMs = z.number().int().nonnegative();
const service = z.string().trim().min(1).max(64);

/** Half-open range [from, to) in UTC epoch ms. */
const range = { from: epochMs, to: epochMs };
function fromBeforeTo(value: { from?: number | undefined; to?: number | undefined }): boolean {
  return value.from === undefined || value.to === undefined || value.from < value.to;
}
const fromBeforeToMessage = { message: '"from" must be before "to"', path: ['to'] };

export const timeRangeSchema = z.object(range).strict().refine(fromBeforeTo, fromBeforeToMessage);
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const serviceSeriesQuerySchema = z
  .object({ ...range, service, bucket: z.enum(SERIES_BUCKETS) })
  .strict()
  .refine(fromBeforeTo, fromBeforeToMessage);
export type ServiceSeriesQuery = z.infer<typeof serviceSeriesQuerySchema>;

export const auditQuerySchema = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    kinds: z.array(z.enum(AUDIT_KINDS)).min(1).optional(),
    service: service.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToMessage);
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const recentResultsQuerySchema = z
  .object({ service: service.optional(), limit: z.number().int().min(1).max(1000).default(50) })
  .strict();
export type RecentResultsQuery = z.input<typeof recentResultsQuerySchema>;

export const exportQuerySchema = z
  .object({
    ...range,
    what: z.enum(EXPORT_WHAT).default('results'),
    format: z.enum(EXPORT_FORMATS),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToMessage);
export type ExportQuery = z.input<typeof exportQuerySchema>;

const days = (fallback: number) => z.number().int().min(1).max(36_500).default(fallback);

/**
 * How long history is kept. Daily rollups and the audit log are kept forever unless `dayRollupDays`
 * is set; the audit log is append-only and never pruned. Market open/close check runs are kept
 * forever (their raw results follow `rawDays`); other check runs follow `rawDays`.
 */
export const retentionSchema = z
  .object({
    /** raw probe results and non-checkpoint check runs */
    rawDays: days(30),
    /** minute rollups feed the 24 h charts */
    minuteRollupDays: days(7),
    /** hourly rollups feed the 30 d charts */
    hourRollupDays: days(90),
    /** null: forever */
    dayRollupDays: z.number().int().min(1).max(36_500).nullable().default(null),
    /** the bot's reports */
    reportsDays: days(30),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionSchema>;
export type RetentionInput = z.input<typeof retentionSchema>;

/** One point of a latency/uptime chart. Latencies are null when the bucket has no samples. */
export interface SeriesPoint {
  /** bucket start, UTC epoch ms */
  t: number;
  count: number;
  failures: number;
  uptimePct: number;
  minMs: number | null;
  avgMs: number | null;
  /** Median, from the same histogram as the p95 and within the same bound. */
  p50Ms: number | null;
  /** From a log-spaced histogram: within 4.5 % of the exact nearest-rank p95 (1 ms below 1 ms). */
  p95Ms: number | null;
  maxMs: number | null;
}

export interface LevelTimelinePoint {
  at: number;
  level: LevelName;
  /** Absent on the first point when it is the level already in force at the start of the range. */
  previous?: LevelName;
  reason?: string;
  actor?: string;
  cause?: Extract<AuditEvent, { kind: 'level' }>['cause'];
}

export interface CheckpointRow {
  checkId: number;
  /** when the check was due (falls back to when it started) */
  at: number;
  checkpoint: string;
  /** 'missed': the check never ran; `lagMs` is how late the miss was noticed */
  reason: CheckReason;
  lagMs: number | null;
  /** null: the check was missed, or started but never finished (the app stopped or crashed mid-check) */
  allHealthy: boolean | null;
  failedServices: string[];
}

export type AuditRow = AuditEvent & { id: number };
export interface AuditPage {
  total: number;
  rows: AuditRow[];
}

/** A probe result as stored, with its row and check run. */
export interface StoredResult extends ProbeResult {
  id: number;
  checkId: number | null;
}

export interface CheckRunRecord {
  id: number;
  reason: CheckReason;
  checkpoint: string | null;
  dueAt: number | null;
  lagMs: number | null;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  allHealthy: boolean | null;
  failedServices: string[];
  results: StoredResult[];
}

export interface StoreHealth {
  /** false: history is not being saved (in-memory store, or the last write failed) */
  persistent: boolean;
  lastError: string | null;
  /** writes lost since the store opened because the disk refused them */
  droppedWrites: number;
  /** where the database file is, null when in memory */
  file: string | null;
}

export interface StoreNotice {
  kind: 'moved_aside' | 'in_memory';
  message: string;
  movedTo?: string;
}
