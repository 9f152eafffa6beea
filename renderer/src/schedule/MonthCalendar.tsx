import { useState } from 'react';
import {
  EXCHANGE_ZONE,
  type CalendarDay,
  type CalendarMonth,
  type ExchangeId,
} from '../../../shared/schedule.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { dateInZone } from '../ui/exchange-time.ts';
import { useNow } from '../use-now.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function monthOf(date: string): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

function shift({ year, month }: { year: number; month: number }, by: number) {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** A month of the exchange calendar: sessions, holidays and early closes, by text and not colour alone. */
export function MonthCalendar() {
  const schedule = useCall('schedule.get');
  return (
    <section className="panel" aria-labelledby="calendar-title">
      <QueryView query={schedule} what="the calendar">
        {(data) => <ExchangeMonths exchange={data.exchange} />}
      </QueryView>
    </section>
  );
}

/** Opens on the exchange's current month (not the viewer's), `offset` months away from it. */
function ExchangeMonths({ exchange }: { exchange: ExchangeId }) {
  const today = dateInZone(useNow(60_000), EXCHANGE_ZONE[exchange]);
  const [offset, setOffset] = useState(0);
  const shown = shift(monthOf(today), offset);
  const month = useCall('calendar.month', shown, { placeholderPrevious: true });
  const title = new Date(shown.year, shown.month - 1, 1).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
  });
  return (
    <>
      <div className="calendar-head">
        <button
          type="button"
          className="secondary icon"
          onClick={() => setOffset((o) => o - 1)}
          aria-label="Previous month"
          data-testid="calendar-prev"
        >
          ‹
        </button>
        <h2 id="calendar-title" data-testid="calendar-title">
          {title}
        </h2>
        <button
          type="button"
          className="secondary icon"
          onClick={() => setOffset((o) => o + 1)}
          aria-label="Next month"
          data-testid="calendar-next"
        >
          ›
        </button>
      </div>
      <QueryView query={month} what="the calendar">
        {(data) => <MonthGrid month={data} />}
      </QueryView>
    </>
  );
}

function MonthGrid({ month }: { month: CalendarMonth }) {
  const lead = (month.days[0]?.weekday ?? 1) - 1;
  const today = dateInZone(useNow(60_000), month.zone);
  return (
    <>
      <p className="muted small">
        {month.exchange} · times in {month.zone}
      </p>
      {/* A table, not a grid: the days are read, not operated; each week is a row laid out by the CSS grid. */}
      <div className="calendar" role="table" aria-label={`${month.exchange} sessions`} data-testid="calendar">
        <div role="row" className="calendar-row">
          {WEEKDAYS.map((d) => (
            <div key={d} role="columnheader" className="calendar-weekday">
              {d}
            </div>
          ))}
        </div>
        {weeksOf(lead, month.days).map((week, w) => (
          <div role="row" className="calendar-row" key={week.find((d) => d !== null)?.date ?? w}>
            {week.map((day, i) =>
              day === null ? (
                <div key={`blank-${i}`} role="cell" />
              ) : (
                <DayCell key={day.date} day={day} zone={month.zone} today={day.date === today} />
              ),
            )}
          </div>
        ))}
      </div>
    </>
  );
}

/** The month's days in weeks of seven, Monday first, with blanks before the 1st. */
function weeksOf(lead: number, days: readonly CalendarDay[]): (CalendarDay | null)[][] {
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function DayCell({ day, zone, today }: { day: CalendarDay; zone: string; today: boolean }) {
  const time = (at: number) =>
    new Date(at).toLocaleTimeString(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const kind = day.holiday ? 'holiday' : day.earlyClose ? 'early' : day.session ? 'open' : 'closed';
  const label = day.holiday
    ? `Closed: ${day.holiday}`
    : day.earlyClose
      ? `Early close ${day.earlyClose.close}: ${day.earlyClose.name}`
      : day.session
        ? `${time(day.session.open)}–${time(day.session.close)}`
        : 'No session';
  return (
    <div
      role="cell"
      className={`calendar-day day-${kind}${today ? ' day-today' : ''}`}
      title={label}
      aria-label={`${today ? 'Today, ' : ''}${day.date}: ${label}`}
      aria-current={today ? 'date' : undefined}
      data-testid={`day-${day.date}`}
      data-kind={kind}
    >
      <span className="day-number">
        {Number(day.date.slice(8))}
        {today ? <span className="today-tag"> Today</span> : null}
      </span>
      {day.holiday ? <span className="day-note">✕ {day.holiday}</span> : null}
      {day.earlyClose ? <span className="day-note">◑ {day.earlyClose.close}</span> : null}
    </div>
  );
}
