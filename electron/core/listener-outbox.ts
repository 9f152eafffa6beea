/**
 * Events queued while a state machine (level engine, circuit breaker) changes state, handed to the
 * listener only once it is consistent again. Delivery does not nest: events pushed by a listener go
 * out in the same loop, after the current one. A throwing listener cannot break its owner nor stop
 * the events after it.
 */
export class ListenerOutbox<T> {
  private readonly listener: ((event: T) => void) | undefined;
  private readonly queue: T[] = [];
  private delivering = false;

  constructor(listener: ((event: T) => void) | undefined) {
    this.listener = listener;
  }

  push(event: T): void {
    this.queue.push(event);
  }

  deliver(): void {
    if (this.delivering || this.queue.length === 0) return;
    this.delivering = true;
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        try {
          this.listener?.(e);
        } catch {
          // A listener's bug is its own; the owner's state is already consistent.
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}
