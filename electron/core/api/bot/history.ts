import { z } from 'zod';
import { auditQuerySchema, timeRangeSchema } from '../../../../shared/history.ts';
import type { Store } from '../../store/index.ts';

export const HISTORY_VIEWS = ['levels', 'checkpoints', 'audit'] as const;
export type HistoryView = (typeof HISTORY_VIEWS)[number];

export type HistoryReader = Pick<Store, 'levelTimeline' | 'checkpoints' | 'audit'>;

const DEFAULT_SPAN_MS = 24 * 60 * 60 * 1000;

const viewSchema = z.object({ view: z.enum(HISTORY_VIEWS).default('levels') }).loose();

/** Numbers and lists in the query string that coerceQuery must convert before validation. */
export const HISTORY_QUERY_FIELDS = { numbers: ['from', 'to', 'limit', 'offset'], lists: ['kinds'] } as const;

/**
 * `GET /v1/history`: the level timeline, the checkpoints or the audit log over [from, to)
 * (default: the last 24 hours). Throws the zod error for a bad query.
 */
export function readHistory(history: HistoryReader, query: Record<string, unknown>, now: number): unknown {
  const { view, ...rest } = viewSchema.parse(query);
  if (view === 'audit') return { view, ...history.audit(auditQuerySchema.parse(rest)) };
  const to = rest.to ?? now;
  const from = rest.from ?? (typeof to === 'number' ? to - DEFAULT_SPAN_MS : undefined);
  const range = timeRangeSchema.parse({ ...rest, from, to });
  if (view === 'levels') return { view, ...range, points: history.levelTimeline(range.from, range.to) };
  return { view, ...range, checkpoints: history.checkpoints(range) };
}
