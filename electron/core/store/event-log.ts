import type Database from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/audit.ts';
import type { ReportRecord } from '../../../shared/reports.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { auditService } from './rows.ts';
import type { StoreWrite } from './write-guard.ts';

/** The append-only logs: the audit log and the bot's reports. */
export class EventLog {
  private readonly write: StoreWrite;
  private readonly noteProblem: (message: string) => void;
  private readonly statements;

  constructor(db: Database.Database, write: StoreWrite, noteProblem: (message: string) => void) {
    this.write = write;
    this.noteProblem = noteProblem;
    this.statements = {
      insertAudit: db.prepare('INSERT INTO audit_log (at, kind, service, event) VALUES (?, ?, ?, ?)'),
      insertReport: db.prepare('INSERT INTO reports (received_at, at, type, report) VALUES (?, ?, ?, ?)'),
      lastLevelChange: db.prepare<[], { at: number }>(
        // The latest written, not the latest by time: a clock set back makes those differ.
        "SELECT at FROM audit_log WHERE kind = 'level' ORDER BY id DESC LIMIT 1",
      ),
    };
  }

  appendAudit(event: AuditEvent): void {
    this.write(
      `audit event (${event.kind} at ${event.at})`,
      () => {
        this.statements.insertAudit.run(event.at, event.kind, auditService(event), JSON.stringify(event));
      },
      undefined,
    );
  }

  /** True when the reports were saved (a refused write is counted and reported by health()). */
  insertReports(reports: ReportRecord[]): boolean {
    if (reports.length === 0) return true;
    return this.write(
      `${reports.length} bot reports`,
      () => {
        for (const { receivedAt, ...report } of reports) {
          this.statements.insertReport.run(
            receivedAt,
            report.at ?? null,
            report.type,
            JSON.stringify(report),
          );
        }
        return true;
      },
      false,
    );
  }

  /** The time of the last level change the audit recorded; null when none (or unreadable). */
  lastLevelChangeAt(): number | null {
    try {
      return this.statements.lastLevelChange.get()?.at ?? null;
    } catch (error) {
      this.noteProblem(`audit not read: ${errorMessage(error)}`);
      return null;
    }
  }
}
