import type { z } from 'zod';
import type { EventName, MethodName } from './contract-names.ts';
import { apiMethods } from './contract/api.ts';
import { engineMethods, type EngineEvents } from './contract/engine.ts';
import { historyMethods } from './contract/history.ts';
import { notificationsMethods, type NotificationsEvents } from './contract/notifications.ts';
import { scheduleMethods, type ScheduleEvents } from './contract/schedule.ts';
import { secretsMethods } from './contract/secrets.ts';
import { servicesMethods } from './contract/services.ts';
import { settingsMethods } from './contract/settings.ts';

/**
 * One contract, two transports: every method the UI and the bot API may call, with the schema its
 * input must pass and the type of its result, gathered from one file per area under contract/.
 * IPC and HTTP serve the same dispatcher.
 */
export const contract = {
  ...engineMethods,
  ...scheduleMethods,
  ...historyMethods,
  ...servicesMethods,
  ...settingsMethods,
  ...apiMethods,
  ...secretsMethods,
  ...notificationsMethods,
} satisfies Record<MethodName, { input: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = Contract[M]['result'];

/** Who is calling: every manual action is audited with it. */
export interface CallContext {
  actor: string;
  /**
   * True for the operator at this machine (the desktop window over IPC, the tray, the CLI) and for
   * HTTP only when `haltwatch serve` was started with --allow-remote-commands: adding, editing or
   * testing a `command` service and setting or deleting a secret are refused without it.
   */
  commandsAndSecrets: boolean;
}

export type Handlers = {
  [M in MethodName]: (
    input: MethodArgs<M>,
    context: CallContext,
  ) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface EventPayloads extends EngineEvents, ScheduleEvents, NotificationsEvents {}
export type EventPayload<E extends EventName> = EventPayloads[E];

/** What every transport returns for a call. */
export type CallOutcome<R = unknown> = { ok: true; result: R } | { ok: false; error: ContractError };

export interface ContractError {
  code: 'unknown_method' | 'invalid_input' | 'forbidden' | 'failed' | 'internal' | 'unavailable';
  message: string;
  issues?: { path: string; message: string }[];
}

export type { MethodName, EventName };
