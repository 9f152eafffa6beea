import type { Handlers } from '../../../shared/contract.ts';
import { calendarMonth, getCalendar } from '../calendar/index.ts';
import type { HandlerPorts } from './ports.ts';

type ScheduleHandlers = Pick<
  Handlers,
  'schedule.get' | 'schedule.set' | 'schedule.upcoming' | 'calendar.month'
>;

export function scheduleHandlers({
  clock,
  engine,
  store,
  settings,
  scheduler,
}: Pick<HandlerPorts, 'clock' | 'engine' | 'store' | 'settings' | 'scheduler'>): ScheduleHandlers {
  return {
    'schedule.get': () => settings.get().schedule,
    'schedule.set': (schedule, { actor }) => {
      const calendar = getCalendar(schedule.exchange, { adhoc: schedule.adhoc });
      const saved = settings.update({ schedule }).schedule;
      scheduler.update({ calendar, entries: saved.entries, catchUp: saved.catchUp });
      store.appendAudit({
        at: clock.now(),
        kind: 'manual',
        action: 'schedule_changed',
        reason: `schedule changed: ${saved.entries.length} entries on ${saved.exchange}`,
        actor,
        details: { exchange: saved.exchange, entries: saved.entries.length, adhoc: saved.adhoc.length },
      });
      engine.emitStatus();
      return saved;
    },
    'schedule.upcoming': ({ limit }) => scheduler.upcoming(limit),
    'calendar.month': ({ exchange, year, month }) => {
      const schedule = settings.get().schedule;
      const id = exchange ?? schedule.exchange;
      const calendar = getCalendar(id, { adhoc: id === schedule.exchange ? schedule.adhoc : [] });
      return calendarMonth(calendar, year, month);
    },
  };
}
