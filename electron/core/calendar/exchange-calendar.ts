import type { EarlyClose, ExchangeId, Holiday, Session } from '../../../shared/schedule.ts';

/**
 * One exchange's trading calendar. Dates are `YYYY-MM-DD` in the exchange's zone; instants are UTC
 * epoch ms. Methods throw a RangeError for malformed dates and for years outside firstYear–lastYear.
 */
export interface ExchangeCalendar {
  readonly id: ExchangeId;
  readonly name: string;
  readonly zone: string;
  readonly firstYear: number;
  readonly lastYear: number;
  isTradingDay(date: string): boolean;
  session(date: string): Session | null;
  /** The session in progress at `instant` (open ≤ instant < close), or null. */
  sessionAt(instant: number): Session | null;
  /** The first session that opens strictly after `after`. */
  nextSession(after: number): Session;
  /** The last session that closed at or before `before`. */
  previousSession(before: number): Session;
  /** Sessions from `fromDate` to `toDate`, both inclusive, in order. */
  sessionsBetween(fromDate: string, toDate: string): Session[];
  /** Weekdays the exchange is closed in `year` (rules, shipped and user ad-hoc closures). */
  holidays(year: number): Holiday[];
  earlyCloses(year: number): EarlyClose[];
  /** The instant the exchange-local `date` begins (local midnight). */
  startOfDay(date: string): number;
  /** The exchange-local date at `instant`. */
  dateAt(instant: number): string;
  /** The exchange-local time at `instant` as `YYYY-MM-DDTHH:mm`. */
  localTime(instant: number): string;
}
