import { EXCHANGE_ZONE, type AdhocEntry } from '../../../shared/schedule.ts';
import {
  FRIDAY,
  MONDAY,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  dayNumber,
  easterSunday,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  weekdayOf,
} from './civil-date.ts';
import type { ExchangeDefinition, RuleEarlyClose, RuleHoliday } from './exchange-definition.ts';

const EARLY_CLOSE = 13 * 60;

/** A fixed-date holiday moved off the weekend: Saturday → the Friday before, Sunday → the Monday after. */
function observed(day: number, name: string): RuleHoliday {
  const weekday = weekdayOf(day);
  if (weekday === SATURDAY) return { day: day - 1, name: `${name} (observed)` };
  if (weekday === SUNDAY) return { day: day + 1, name: `${name} (observed)` };
  return { day, name };
}

function newYearsDay(year: number): RuleHoliday[] {
  const day = dayNumber(year, 1, 1);
  // NYSE does not observe New Year's Day on a Saturday: that would close the last trading day of the year.
  return weekdayOf(day) === SATURDAY ? [] : [observed(day, "New Year's Day")];
}

export function xnysHolidays(year: number): RuleHoliday[] {
  const holidays: RuleHoliday[] = [
    ...newYearsDay(year),
    { day: nthWeekdayOfMonth(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' },
    { day: nthWeekdayOfMonth(year, 2, MONDAY, 3), name: "Washington's Birthday" },
    { day: easterSunday(year) - 2, name: 'Good Friday' },
    { day: lastWeekdayOfMonth(year, 5, MONDAY), name: 'Memorial Day' },
  ];
  if (year >= 2022) holidays.push(observed(dayNumber(year, 6, 19), 'Juneteenth National Independence Day'));
  holidays.push(
    observed(dayNumber(year, 7, 4), 'Independence Day'),
    { day: nthWeekdayOfMonth(year, 9, MONDAY, 1), name: 'Labor Day' },
    { day: nthWeekdayOfMonth(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' },
    observed(dayNumber(year, 12, 25), 'Christmas Day'),
  );
  return holidays.sort((a, b) => a.day - b.day);
}

/** July 3 Monday–Thursday; before 2013 a Wednesday July 3 traded in full and Friday July 5 closed early instead. */
function independenceDayEve(year: number): RuleEarlyClose[] {
  const july3 = dayNumber(year, 7, 3);
  const weekday = weekdayOf(july3);
  if (year < 2013 && weekday === 3)
    return [{ day: july3 + 2, close: EARLY_CLOSE, name: 'Day after Independence Day' }];
  return weekday <= THURSDAY ? [{ day: july3, close: EARLY_CLOSE, name: 'Day before Independence Day' }] : [];
}

export function xnysEarlyCloses(year: number): RuleEarlyClose[] {
  const closes = independenceDayEve(year);
  closes.push({
    day: nthWeekdayOfMonth(year, 11, THURSDAY, 4) + 1,
    close: EARLY_CLOSE,
    name: 'Day after Thanksgiving',
  });
  const christmasEve = dayNumber(year, 12, 24);
  if (weekdayOf(christmasEve) <= THURSDAY)
    closes.push({ day: christmasEve, close: EARLY_CLOSE, name: 'Christmas Eve' });
  return closes;
}

/** Unscheduled NYSE closures since 2000, as published by the exchange. */
export const XNYS_SHIPPED_ADHOC: readonly AdhocEntry[] = [
  { date: '2001-09-11', type: 'closed', name: 'September 11 attacks' },
  { date: '2001-09-12', type: 'closed', name: 'September 11 attacks' },
  { date: '2001-09-13', type: 'closed', name: 'September 11 attacks' },
  { date: '2001-09-14', type: 'closed', name: 'September 11 attacks' },
  { date: '2004-06-11', type: 'closed', name: 'National Day of Mourning for President Reagan' },
  { date: '2007-01-02', type: 'closed', name: 'National Day of Mourning for President Ford' },
  { date: '2012-10-29', type: 'closed', name: 'Hurricane Sandy' },
  { date: '2012-10-30', type: 'closed', name: 'Hurricane Sandy' },
  { date: '2018-12-05', type: 'closed', name: 'National Day of Mourning for President George H. W. Bush' },
  { date: '2025-01-09', type: 'closed', name: 'National Day of Mourning for President Carter' },
];

export const XNYS: ExchangeDefinition = {
  id: 'XNYS',
  name: 'New York Stock Exchange',
  zone: EXCHANGE_ZONE.XNYS,
  open: 9 * 60 + 30,
  close: 16 * 60,
  tradingWeekdays: [1, 2, 3, 4, FRIDAY],
  firstYear: 2000,
  lastYear: 2100,
  holidays: xnysHolidays,
  earlyCloses: xnysEarlyCloses,
  shippedAdhoc: XNYS_SHIPPED_ADHOC,
};
