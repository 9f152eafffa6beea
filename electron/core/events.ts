import type { EventName, EventPayload } from '../../shared/contract.ts';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The engine's outgoing events. A listener that throws is logged, never breaks the engine. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly log: (message: string) => void;

  constructor(log: (message: string) => void = console.error) {
    this.log = log;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens to one event only. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((event, payload) => {
      if ((event as EventName) === name) listener(payload as unknown as EventPayload<E>);
    });
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        this.log(`haltwatch: a listener for ${name} failed: ${String(error)}`);
      }
    }
  }
}
