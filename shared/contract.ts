import { z } from 'zod';
import type { MethodName, EventName } from './contract-names.ts';
import type { CheckRunView, EngineStatus } from './status.ts';
import type { ProbeResult } from './probe.ts';

/**
 * One contract, two transports: every method the UI (and later the bot API) may call, with the
 * schema its input must pass and the type of its result. IPC and HTTP serve the same dispatcher.
 */
function method<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

const noInput = z.object({}).strict().default({});

export const contract = {
  'status.get': method<EngineStatus>()(noInput),
  'check.run': method<CheckRunView>()(noInput),
} satisfies Record<MethodName, { input: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = Contract[M]['result'];

export type Handlers = {
  [M in MethodName]: (input: MethodArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface EventPayloads {
  status: EngineStatus;
  'check.started': { id: number; services: string[] };
  'check.result': ProbeResult & { checkId: number };
  'check.finished': CheckRunView;
}
export type EventPayload<E extends EventName> = EventPayloads[E];

/** What every transport returns for a call. */
export type CallOutcome<R = unknown> = { ok: true; result: R } | { ok: false; error: ContractError };

export interface ContractError {
  code: 'unknown_method' | 'invalid_input' | 'failed' | 'internal';
  message: string;
  issues?: { path: string; message: string }[];
}

export type { MethodName, EventName };
