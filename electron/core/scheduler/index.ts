export { computeSchedule } from './compute-schedule.ts';
export { parseScheduleConfigFile } from './config-file.ts';
export { MAX_TIMER_MS, createScheduler } from './scheduler.ts';
export type { ResyncReason, Scheduler, SchedulerOptions, SchedulerUpdate } from './scheduler.ts';
