import type { Handlers } from '../../../shared/contract.ts';
import { calendarMonth, getCalendar } from '../calendar/index.ts';
import type { Monitor } from '../monitor.ts';

type ScheduleHandlers = Pick<
  Handlers,
  'schedule.get' | 'schedule.set' | 'schedule.upcoming' | 'calendar.month'
>;

export function scheduleHandlers(monitor: Monitor): ScheduleHandlers {
  return {
    'schedule.get': () => monitor.settings.get().schedule,
    'schedule.set': (schedule, { actor }) => {
      const calendar = getCalendar(schedule.exchange, { adhoc: schedule.adhoc });
      const saved = monitor.settings.update({ schedule }).schedule;
      monitor.scheduler.update({ calendar, entries: saved.entries, catchUp: saved.catchUp });
      monitor.store.appendAudit({
        at: monitor.clock.now(),
        kind: 'manual',
        action: 'schedule_changed',
        reason: `schedule changed: ${saved.entries.length} entries on ${saved.exchange}`,
        actor,
        details: { exchange: saved.exchange, entries: saved.entries.length, adhoc: saved.adhoc.length },
      });
      monitor.emitStatus();
      return saved;
    },
    'schedule.upcoming': ({ limit }) => monitor.scheduler.upcoming(limit),
    'calendar.month': ({ exchange, year, month }) => {
      const schedule = monitor.settings.get().schedule;
      const id = exchange ?? schedule.exchange;
      const calendar = getCalendar(id, { adhoc: id === schedule.exchange ? schedule.adhoc : [] });
      return calendarMonth(calendar, year, month);
    },
  };
}
