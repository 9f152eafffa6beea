import { useState } from 'react';
import type { CalendarDay, CalendarMonth } from '../../../shared/schedule.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function currentMonth(): { year: number; month: number } {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1 };
}

function shift({ year, month }: { year: number; month: number }, by: number) {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** A month of the exchange calendar: sessions, holidays and early closes, by text and not colour alone. */
export function MonthCalendar() {
  const [shown, setShown] = useState(currentMonth);
  const month = useCall('calendar.month', shown, { placeholderPrevious: true });
  const title = new Date(shown.year, shown.month - 1, 1).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
  });
  return (
    <section className="panel" aria-labelledby="calendar-title">
      <div className="calendar-head">
        <button
          type="button"
          className="secondary icon"
          onClick={() => setShown((s) => shift(s, -1))}
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
          onClick={() => setShown((s) => shift(s, 1))}
          aria-label="Next month"
          data-testid="calendar-next"
        >
          ›
        </button>
      </div>
      <QueryView query={month} what="the calendar">
        {(data) => <MonthGrid month={data} />}
      </QueryView>
    </section>
  );
}

function MonthGrid({ month }: { month: CalendarMonth }) {
  const lead = (month.days[0]?.weekday ?? 1) - 1;
  return (
    <>
      <p className="muted small">
        {month.exchange} · times in {month.zone}
      </p>
      <div className="calendar" role="grid" aria-label={`${month.exchange} sessions`} data-testid="calendar">
        {WEEKDAYS.map((d) => (
          <div key={d} role="columnheader" className="calendar-weekday">
            {d}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} aria-hidden="true" />
        ))}
        {month.days.map((day) => (
          <DayCell key={day.date} day={day} zone={month.zone} />
        ))}
      </div>
    </>
  );
}

function DayCell({ day, zone }: { day: CalendarDay; zone: string }) {
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
      role="gridcell"
      className={`calendar-day day-${kind}`}
      title={label}
      aria-label={`${day.date}: ${label}`}
      data-testid={`day-${day.date}`}
      data-kind={kind}
    >
      <span className="day-number">{Number(day.date.slice(8))}</span>
      {day.holiday ? <span className="day-note">✕ {day.holiday}</span> : null}
      {day.earlyClose ? <span className="day-note">◑ {day.earlyClose.close}</span> : null}
    </div>
  );
}
