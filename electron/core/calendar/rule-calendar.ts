import type { AdhocEntry, EarlyClose, Holiday, Session } from '../../../shared/schedule.ts';
import {
  civilFromDayNumber,
  dayNumber,
  formatDayNumber,
  formatMinutes,
  minutesOfDay,
  parseDate,
  weekdayOf,
} from './civil-date.ts';
import type { ExchangeCalendar } from './exchange-calendar.ts';
import type { ExchangeDefinition, RuleEarlyClose } from './exchange-definition.ts';
import { ZoneOffsets } from './zone-offsets.ts';

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;

/** Everything about one year that the rules and ad-hoc lists decide, computed once per year. */
interface YearTable {
  closed: Map<number, string>;
  early: Map<number, RuleEarlyClose>;
  holidays: Holiday[];
  earlyCloses: EarlyClose[];
}

/**
 * Builds a calendar from an exchange's rules plus ad-hoc entries (the user's entries replace shipped
 * ones for the same date). `adhoc` must already be validated by `adhocEntrySchema`.
 */
export function createRuleCalendar(def: ExchangeDefinition, adhoc: readonly AdhocEntry[]): ExchangeCalendar {
  const offsets = new ZoneOffsets(def.zone);
  const adhocByYear = groupAdhocByYear(def, adhoc);
  const tradingWeekdays = new Set(def.tradingWeekdays);
  const firstDay = dayNumber(def.firstYear, 1, 1);
  const lastDay = dayNumber(def.lastYear, 12, 31);
  const years = new Map<number, YearTable>();
  const sessions = new Map<number, Session | null>();

  function yearTable(year: number): YearTable {
    let table = years.get(year);
    if (!table) {
      table = buildYearTable(def, year, adhocByYear.get(year) ?? [], tradingWeekdays);
      years.set(year, table);
    }
    return table;
  }

  function checkYear(year: number): void {
    if (!Number.isInteger(year) || year < def.firstYear || year > def.lastYear)
      throw new RangeError(
        `year ${year} is outside the ${def.id} calendar's supported years ${def.firstYear}–${def.lastYear}`,
      );
  }

  function sessionOfDay(day: number): Session | null {
    if (sessions.has(day)) return sessions.get(day) ?? null;
    const { year } = civilFromDayNumber(day);
    checkYear(year);
    const table = yearTable(year);
    let session: Session | null = null;
    if (tradingWeekdays.has(weekdayOf(day)) && !table.closed.has(day)) {
      const early = table.early.get(day);
      session = Object.freeze({
        date: formatDayNumber(day),
        open: instantAt(offsets, day, def.open),
        close: instantAt(offsets, day, early ? early.close : def.close),
        earlyClose: early !== undefined,
      });
    }
    sessions.set(day, session);
    return session;
  }

  function localDay(instant: number): number {
    if (!Number.isFinite(instant)) throw new RangeError(`instant ${instant} is not a finite epoch-ms time`);
    return Math.floor((instant + offsets.offsetAt(instant)) / MS_PER_DAY);
  }

  function rangeError(direction: string, instant: number): RangeError {
    return new RangeError(
      `no ${def.id} session ${direction} ${new Date(instant).toISOString()} within ${def.firstYear}–${def.lastYear}`,
    );
  }

  return {
    id: def.id,
    name: def.name,
    zone: def.zone,
    firstYear: def.firstYear,
    lastYear: def.lastYear,
    isTradingDay: (date) => sessionOfDay(parseDate(date)) !== null,
    session: (date) => sessionOfDay(parseDate(date)),
    sessionAt(instant) {
      const session = sessionOfDay(localDay(instant));
      return session && session.open <= instant && instant < session.close ? session : null;
    },
    nextSession(after) {
      for (let day = Math.max(localDay(after), firstDay); day <= lastDay; day++) {
        const session = sessionOfDay(day);
        if (session && session.open > after) return session;
      }
      throw rangeError('after', after);
    },
    previousSession(before) {
      for (let day = Math.min(localDay(before), lastDay); day >= firstDay; day--) {
        const session = sessionOfDay(day);
        if (session && session.close <= before) return session;
      }
      throw rangeError('before', before);
    },
    sessionsBetween(fromDate, toDate) {
      const from = parseDate(fromDate);
      const to = parseDate(toDate);
      if (from > to) throw new RangeError(`from date ${fromDate} is after to date ${toDate}`);
      const result: Session[] = [];
      for (let day = from; day <= to; day++) {
        const session = sessionOfDay(day);
        if (session) result.push(session);
      }
      return result;
    },
    holidays(year) {
      checkYear(year);
      return yearTable(year).holidays.map((h) => ({ ...h }));
    },
    earlyCloses(year) {
      checkYear(year);
      return yearTable(year).earlyCloses.map((e) => ({ ...e }));
    },
    startOfDay: (date) => offsets.instantOfLocal(parseDate(date) * MS_PER_DAY),
    dateAt: (instant) => formatDayNumber(localDay(instant)),
    localTime(instant) {
      const day = localDay(instant);
      const minutes = Math.floor((instant + offsets.offsetAt(instant) - day * MS_PER_DAY) / MS_PER_MINUTE);
      return `${formatDayNumber(day)}T${formatMinutes(minutes)}`;
    },
  };
}

/** The UTC instant of a local wall time; a close of 24:00 is the next local midnight. */
function instantAt(offsets: ZoneOffsets, day: number, minutes: number): number {
  return offsets.instantOfLocal(day * MS_PER_DAY + minutes * MS_PER_MINUTE);
}

function groupAdhocByYear(
  def: ExchangeDefinition,
  userAdhoc: readonly AdhocEntry[],
): Map<number, AdhocEntry[]> {
  const byDate = new Map<string, AdhocEntry>();
  for (const entry of [...def.shippedAdhoc, ...userAdhoc]) byDate.set(entry.date, entry);
  const byYear = new Map<number, AdhocEntry[]>();
  for (const entry of byDate.values()) {
    if (entry.type === 'early_close') {
      const close = minutesOfDay(entry.close);
      if (close <= def.open || close >= def.close)
        throw new RangeError(
          `ad-hoc early close on ${entry.date}: close ${entry.close} must fall between the ${def.id} open ` +
            `${formatMinutes(def.open)} and its regular close ${formatMinutes(def.close % MINUTES_PER_DAY)}`,
        );
    }
    const year = Number(entry.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  return byYear;
}

function buildYearTable(
  def: ExchangeDefinition,
  year: number,
  adhoc: readonly AdhocEntry[],
  tradingWeekdays: ReadonlySet<number>,
): YearTable {
  const closed = new Map<number, string>();
  const early = new Map<number, RuleEarlyClose>();
  for (const h of def.holidays(year)) closed.set(h.day, h.name);
  for (const e of def.earlyCloses(year)) early.set(e.day, e);
  for (const entry of adhoc) {
    const day = parseDate(entry.date);
    if (entry.type === 'closed') {
      if (!closed.has(day)) closed.set(day, entry.name);
    } else {
      early.set(day, { day, close: minutesOfDay(entry.close), name: entry.name });
    }
  }
  // A closure wins over an early close on the same day; weekends are not listed as holidays.
  for (const day of closed.keys()) early.delete(day);
  const onTradingWeekday = (day: number): boolean => tradingWeekdays.has(weekdayOf(day));
  const holidays = [...closed]
    .filter(([day]) => onTradingWeekday(day))
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: formatDayNumber(day), name }));
  const earlyCloses = [...early.values()]
    .filter((e) => onTradingWeekday(e.day))
    .sort((a, b) => a.day - b.day)
    .map((e) => ({ date: formatDayNumber(e.day), close: formatMinutes(e.close), name: e.name }));
  return { closed, early, holidays, earlyCloses };
}
