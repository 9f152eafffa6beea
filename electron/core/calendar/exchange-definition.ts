import type { AdhocEntry, ExchangeId } from '../../../shared/schedule.ts';

/** A full-day closure produced by an exchange's rules, as a day number (see civil-date.ts). */
export interface RuleHoliday {
  day: number;
  name: string;
}

/** An early close produced by an exchange's rules; `close` is minutes after local midnight. */
export interface RuleEarlyClose {
  day: number;
  close: number;
  name: string;
}

/** What makes one exchange's calendar: its zone, regular hours, trading weekdays and date rules. */
export interface ExchangeDefinition {
  id: ExchangeId;
  name: string;
  /** IANA zone; session times are computed in it, never from a fixed offset. */
  zone: string;
  /** Regular open and close, minutes after local midnight; a close of 1440 means the next midnight. */
  open: number;
  close: number;
  /** ISO weekdays (Monday = 1) on which the exchange trades unless a holiday says otherwise. */
  tradingWeekdays: readonly number[];
  firstYear: number;
  lastYear: number;
  holidays(year: number): RuleHoliday[];
  earlyCloses(year: number): RuleEarlyClose[];
  /** Closures and early closes the rules cannot predict, shipped with the app; the user's list extends it. */
  shippedAdhoc: readonly AdhocEntry[];
}
