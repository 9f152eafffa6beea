import type { CheckReason, CheckRunView } from '../../shared/status.ts';

export interface CheckRequest {
  reason: CheckReason;
  checkpoint?: string;
  dueAt?: number;
  /** Only these services (a breaker's trial); all when absent. */
  only?: string[];
}

export interface StartedCheck {
  /** Resolves as soon as the check has begun (after the one running, if queued). */
  id: Promise<number>;
  done: Promise<CheckRunView>;
}

/**
 * One check at a time. A request while a check runs shares it when that check covers the same
 * services; otherwise it runs right after. `changed` is told when a check is queued and when one ends.
 */
export class CheckQueue {
  private running: (StartedCheck & { request: CheckRequest }) | null = null;
  private readonly perform: (request: CheckRequest, onBegun: (id: number) => void) => Promise<CheckRunView>;
  private readonly changed: () => void;

  constructor(
    perform: (request: CheckRequest, onBegun: (id: number) => void) => Promise<CheckRunView>,
    changed: () => void,
  ) {
    this.perform = perform;
    this.changed = changed;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  start(request: CheckRequest): StartedCheck {
    const current = this.running;
    if (current && covers(current.request, request)) return { id: current.id, done: current.done };
    const previous = current?.done.catch(() => undefined) ?? Promise.resolve();
    const began = Promise.withResolvers<number>();
    const done = previous.then(() => this.perform(request, began.resolve));
    done.catch((error: unknown) => began.reject(error));
    began.promise.catch(() => undefined); // runCheck's callers never read the id
    const entry = { request, id: began.promise, done };
    this.running = entry;
    void done
      .finally(() => {
        if (this.running === entry) this.running = null;
        this.changed();
      })
      .catch(() => undefined);
    this.changed();
    return { id: entry.id, done };
  }

  /** Resolves once no check runs or waits. */
  async idle(): Promise<void> {
    while (this.running) await this.running.done.catch(() => undefined);
  }
}

function covers(running: CheckRequest, wanted: CheckRequest): boolean {
  if (!running.only) return true;
  return wanted.only !== undefined && wanted.only.every((name) => running.only?.includes(name));
}
