import type { CallOutcome, EventName, EventPayload, MethodName } from './contract.ts';

/** What the preload exposes as window.haltwatch: the contract, and nothing else. */
export interface HaltwatchBridge {
  invoke(name: MethodName, input?: unknown): Promise<CallOutcome>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'haltwatch:invoke';
export const IPC_EVENT_CHANNEL = 'haltwatch:event';
