import type { AuditEvent } from '../../../shared/audit.ts';
import type { AuditRow, CheckReason, StoredResult } from '../../../shared/history.ts';
import type { ProbeOutcome, ProbeResult } from '../../../shared/probe.ts';

/** Column shapes as SQLite returns them, and their mapping to the shared types. */
export interface ResultColumns {
  id: number;
  check_id: number | null;
  service: string;
  kind: string;
  outcome: string;
  latency_ms: number;
  reason: string;
  at: number;
  slow: number | null;
  details: string | null;
}

export const RESULT_COLUMNS = 'id, check_id, service, kind, outcome, latency_ms, reason, at, slow, details';

export function toStoredResult(row: ResultColumns): StoredResult {
  const result: StoredResult = {
    id: row.id,
    checkId: row.check_id,
    service: row.service,
    kind: row.kind,
    outcome: row.outcome as ProbeOutcome,
    ok: row.outcome === 'ok',
    latencyMs: row.latency_ms,
    reason: row.reason,
    at: row.at,
  };
  if (row.slow !== null) result.slow = row.slow === 1;
  if (row.details !== null) result.details = JSON.parse(row.details) as StoredResult['details'];
  return result;
}

export function toProbeResult(row: ResultColumns): ProbeResult {
  const { id: _id, checkId: _checkId, ...result } = toStoredResult(row);
  return result;
}

export interface CheckRunColumns {
  id: number;
  reason: string;
  checkpoint: string | null;
  due_at: number | null;
  lag_ms: number | null;
  started_at: number;
  finished_at: number | null;
  all_healthy: number | null;
  failed_services: string | null;
  first_result_id: number | null;
  last_result_id: number | null;
}

export function failedServicesOf(row: { failed_services: string | null }): string[] {
  return row.failed_services === null ? [] : (JSON.parse(row.failed_services) as string[]);
}

export function healthOf(row: { all_healthy: number | null }): boolean | null {
  return row.all_healthy === null ? null : row.all_healthy === 1;
}

export function reasonOf(row: { reason: string }): CheckReason {
  return row.reason as CheckReason;
}

export interface AuditColumns {
  id: number;
  event: string;
}

export function toAuditRow(row: AuditColumns): AuditRow {
  return { ...(JSON.parse(row.event) as AuditEvent), id: row.id };
}

/** The service an audit event concerns, kept in its own column so the log can be filtered by it. */
export function auditService(event: AuditEvent): string | null {
  if (event.kind === 'breaker') return event.service;
  if (event.kind === 'level') return event.cause?.service ?? null;
  const service = event.details?.service;
  return typeof service === 'string' ? service : null;
}
