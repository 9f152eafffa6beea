import type { AuditEvent } from '../../../shared/audit.ts';

/**
 * The engine's audit events, queued while it changes state and handed to the listener only once it
 * is consistent again; a throwing listener cannot break the engine.
 */
export class AuditOutbox {
  private readonly onAudit: ((event: AuditEvent) => void) | undefined;
  private readonly queue: AuditEvent[] = [];
  private delivering = false;

  constructor(onAudit: ((event: AuditEvent) => void) | undefined) {
    this.onAudit = onAudit;
  }

  push(event: AuditEvent): void {
    this.queue.push(event);
  }

  /** Listeners run after the state is consistent; a throwing listener cannot break the engine. */
  deliver(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        try {
          this.onAudit?.(e);
        } catch {
          // The audit sink's failure must not stop the engine.
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}
