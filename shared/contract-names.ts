/**
 * The names of every contract method and event, without their schemas, so the preload script can
 * allow-list them without bundling the validation library. A test keeps this in step with contract.ts.
 */
export const METHOD_NAMES = [
  'status.get',
  'check.run',
  'check.get',
  'gate.decide',
  'reports.submit',
  'heartbeat.beat',
  'level.override',
  'level.recover',
  'level.confirm',
  'level.kill',
  'issues.recent',
  'thresholds.get',
  'thresholds.set',
  'breaker.isolate',
  'breaker.reset',
  'breaker.resetAll',
  'schedule.get',
  'schedule.set',
  'schedule.upcoming',
  'calendar.month',
  'history.levelTimeline',
  'history.series',
  'history.checkpoints',
  'history.audit',
  'history.recentResults',
  'history.export',
  'services.list',
  'services.validate',
  'services.save',
  'services.delete',
  'services.test',
  'settings.get',
  'settings.set',
  'thresholds.replay',
  'check.start',
  'api.info',
  'api.rotateToken',
  'secrets.list',
  'secrets.set',
  'secrets.delete',
  'notifications.list',
  'notifications.markRead',
  'notifications.acknowledge',
  'notifications.snooze',
  'notifications.unsnooze',
  'notifications.test',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = [
  'status',
  'check.started',
  'check.result',
  'check.finished',
  'level.changed',
  'breaker.changed',
  'schedule.run',
  'schedule.missed',
  'notifications.changed',
  'checkpoint.failed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
