import { z } from 'zod';
import type { MethodName } from '../../../../shared/contract.ts';

export const HISTORY_VIEWS = ['levels', 'checkpoints', 'audit'] as const;
export type HistoryView = (typeof HISTORY_VIEWS)[number];

const DEFAULT_SPAN_MS = 24 * 60 * 60 * 1000;

const viewSchema = z.object({ view: z.enum(HISTORY_VIEWS).default('levels') }).loose();

/** Numbers and lists in the query string that coerceQuery must convert before validation. */
export const HISTORY_QUERY_FIELDS = { numbers: ['from', 'to', 'limit', 'offset'], lists: ['kinds'] } as const;

/** The contract method that answers a view of `GET /v1/history`, its input, and how its answer is framed. */
export interface HistoryCall {
  method: Extract<MethodName, 'history.levelTimeline' | 'history.checkpoints' | 'history.audit'>;
  input: Record<string, unknown>;
  frame(result: unknown): unknown;
}

/**
 * `GET /v1/history`: the level timeline, the checkpoints or the audit log over [from, to)
 * (default: the last 24 hours), answered by the contract's history methods, which validate the
 * range. Throws the zod error for an unknown view.
 */
export function historyCall(query: Record<string, unknown>, now: number): HistoryCall {
  const { view, ...rest } = viewSchema.parse(query);
  if (view === 'audit')
    return { method: 'history.audit', input: rest, frame: (page) => ({ view, ...(page as object) }) };
  const to = rest.to ?? now;
  const from = rest.from ?? (typeof to === 'number' ? to - DEFAULT_SPAN_MS : undefined);
  const input = { ...rest, from, to };
  if (view === 'levels')
    return { method: 'history.levelTimeline', input, frame: (points) => ({ view, from, to, points }) };
  return { method: 'history.checkpoints', input, frame: (checkpoints) => ({ view, from, to, checkpoints }) };
}
