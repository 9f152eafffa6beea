/**
 * The names of every contract method and event, without their schemas, so the preload script can
 * allow-list them without bundling the validation library.
 */
export const METHOD_NAMES = ['status.get', 'check.run'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = ['status', 'check.started', 'check.result', 'check.finished'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
