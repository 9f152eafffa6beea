import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import { exportQuerySchema, type ExportQuery } from '../../../shared/history.ts';
import { csvLine, csvNumber, csvText } from './csv.ts';
import { RESULT_COLUMNS, toAuditRow, toStoredResult, type AuditColumns, type ResultColumns } from './rows.ts';
import { parseOrThrow } from '../../../shared/errors.ts';

/** Receives the export piece by piece, so a month of raw results never sits in memory at once. */
export type ExportSink = (chunk: string) => void;

const RESULT_HEADER = [
  'at',
  'service',
  'kind',
  'outcome',
  'ok',
  'latency_ms',
  'slow',
  'reason',
  'check_id',
  'details',
];
const AUDIT_HEADER = ['at', 'kind', 'service', 'from', 'to', 'action', 'reason', 'actor', 'cause', 'details'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function auditCsvFields(event: AuditEvent): string[] {
  const service =
    event.kind === 'breaker' ? event.service : event.kind === 'level' ? event.cause?.service : undefined;
  const from = event.kind === 'manual' ? undefined : event.from;
  const to = event.kind === 'manual' ? undefined : event.to;
  return [
    iso(event.at),
    event.kind,
    csvText(service),
    csvText(from),
    csvText(to),
    csvText(event.kind === 'manual' ? event.action : undefined),
    csvText(event.reason),
    csvText(event.actor),
    csvText(event.kind === 'manual' ? null : json(event.cause)),
    csvText(event.kind === 'manual' ? json(event.details) : null),
  ];
}

/** Streams results or audit events with `from <= at < to` as CSV or a JSON array, oldest first. */
export function writeExport(db: Database.Database, input: ExportQuery, sink: ExportSink): number {
  const { what, format, from, to } = parseOrThrow(exportQuerySchema, input, 'export');
  let count = 0;
  const emitJson = (value: unknown) => sink(`${count === 0 ? '\n' : ',\n'}  ${JSON.stringify(value)}`);

  if (format === 'csv') sink(csvLine(what === 'results' ? RESULT_HEADER : AUDIT_HEADER));
  else sink('[');

  if (what === 'results') {
    const rows = db
      .prepare<[number, number], ResultColumns>(
        `SELECT ${RESULT_COLUMNS} FROM probe_results WHERE at >= ? AND at < ? ORDER BY at, id`,
      )
      .iterate(from, to);
    for (const row of rows) {
      const result = toStoredResult(row);
      if (format === 'json') emitJson({ ...result, atIso: iso(result.at) });
      else
        sink(
          csvLine([
            iso(result.at),
            csvText(result.service),
            csvText(result.kind),
            result.outcome,
            String(result.ok),
            csvNumber(result.latencyMs),
            result.slow === undefined ? '' : String(result.slow),
            csvText(result.reason),
            csvNumber(result.checkId),
            csvText(json(result.details)),
          ]),
        );
      count += 1;
    }
  } else {
    const rows = db
      .prepare<[number, number], AuditColumns>(
        'SELECT id, event FROM audit_log WHERE at >= ? AND at < ? ORDER BY at, id',
      )
      .iterate(from, to);
    for (const row of rows) {
      const event = toAuditRow(row);
      if (format === 'json') emitJson({ ...event, atIso: iso(event.at) });
      else sink(csvLine(auditCsvFields(event)));
      count += 1;
    }
  }

  if (format === 'json') sink(count === 0 ? ']\n' : '\n]\n');
  return count;
}
