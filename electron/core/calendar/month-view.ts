import type { CalendarMonth } from '../../../shared/schedule.ts';
import { dayNumber, formatDayNumber, weekdayOf } from './civil-date.ts';
import type { ExchangeCalendar } from './exchange-calendar.ts';

/** A month of the calendar for the UI: every day with its session, holiday name or early close. */
export function calendarMonth(calendar: ExchangeCalendar, year: number, month: number): CalendarMonth {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month must be a whole number from 1 to 12 (got ${month})`);
  const holidays = new Map(calendar.holidays(year).map((h) => [h.date, h.name]));
  const earlyCloses = new Map(calendar.earlyCloses(year).map((e) => [e.date, e]));
  const first = dayNumber(year, month, 1);
  const next = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
  const days: CalendarMonth['days'] = [];
  for (let day = first; day < next; day++) {
    const date = formatDayNumber(day);
    days.push({
      date,
      weekday: weekdayOf(day),
      session: calendar.session(date),
      holiday: holidays.get(date) ?? null,
      earlyClose: earlyCloses.get(date) ?? null,
    });
  }
  return { exchange: calendar.id, zone: calendar.zone, year, month, days };
}
