import type { Command } from 'commander';
import { weekdayName } from '../../shared/schedule.ts';
import type { EarlyClose, Holiday } from '../../shared/schedule.ts';
import type { ExchangeCalendar } from '../core/calendar/index.ts';
import type { CliIo } from './io.ts';
import { UsageError, loadSchedule, withUsageErrors } from './schedule.ts';

interface CalendarOptions {
  exchange?: string;
  year?: string;
  config?: string;
  json?: boolean;
}

export function registerCalendarCommand(program: Command, io: CliIo): void {
  program
    .command('calendar')
    .description('list an exchange’s holidays and early closes for one year')
    .option('--exchange <id>', 'exchange calendar, e.g. XNYS or CRYPTO (default: the config’s, else XNYS)')
    .option('--year <year>', 'the year, 2000–2100')
    .option('--config <file>', 'JSON file whose "schedule.adhoc" closures extend the shipped ones')
    .option(
      '--json',
      'print JSON: { exchange, year, holidays: [{date, name}], earlyCloses: [{date, close}] }',
    )
    .action((options: CalendarOptions) => withUsageErrors(io, 'calendar', () => runCalendar(options, io)));
}

function runCalendar(options: CalendarOptions, io: CliIo): void {
  const year = parseYear(options.year);
  const { calendar } = loadSchedule(options);
  if (year < calendar.firstYear || year > calendar.lastYear)
    throw new UsageError(`--year must be from ${calendar.firstYear} to ${calendar.lastYear} (got ${year})`);
  const holidays = calendar.holidays(year);
  const earlyCloses = calendar.earlyCloses(year);
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          exchange: calendar.id,
          year,
          holidays: holidays.map(({ date, name }) => ({ date, name })),
          earlyCloses: earlyCloses.map(({ date, close }) => ({ date, close })),
        },
        null,
        2,
      ),
    );
    return;
  }
  io.out(calendarTable(calendar, year, holidays, earlyCloses));
}

function parseYear(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--year YYYY is required');
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--year must be a four-digit year (got "${value}")`);
  return Number(value);
}

function calendarTable(
  calendar: ExchangeCalendar,
  year: number,
  holidays: Holiday[],
  earlyCloses: EarlyClose[],
): string {
  const day = (date: string): string => `${date}  ${weekdayName(date)}`;
  const sessions = calendar.sessionsBetween(`${year}-01-01`, `${year}-12-31`).length;
  return [
    `${calendar.id} (${calendar.name}) ${year}, times in ${calendar.zone}: ${sessions} sessions`,
    '',
    'Holidays',
    ...(holidays.length ? holidays.map((h) => `  ${day(h.date)}  ${h.name}`) : ['  none']),
    '',
    'Early closes',
    ...(earlyCloses.length ? earlyCloses.map((e) => `  ${day(e.date)}  ${e.close}  ${e.name}`) : ['  none']),
  ].join('\n');
}
