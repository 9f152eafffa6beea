import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isoDateSchema, scheduleConfigSchema } from '../../shared/schedule.ts';
import type { ScheduleConfig, ScheduledCheck } from '../../shared/schedule.ts';
import { getCalendar } from '../core/calendar/index.ts';
import type { ExchangeCalendar } from '../core/calendar/index.ts';
import { computeSchedule, parseScheduleConfigFile } from '../core/scheduler/index.ts';
import { EXIT } from './io.ts';
import type { CliIo } from './io.ts';
import { textTable } from './text-table.ts';
import { errorMessage } from '../../shared/errors.ts';

const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

/** A bad flag, file or value: printed to stderr and exit code 2. */
export class UsageError extends Error {}

export interface ScheduleSource {
  exchange?: string;
  config?: string;
}

/**
 * The schedule config from `--config FILE` (defaults otherwise) and the calendar to use: `--exchange`
 * wins over the file's exchange; the file's ad-hoc closures apply only to the file's own exchange.
 */
export function loadSchedule(source: ScheduleSource): { config: ScheduleConfig; calendar: ExchangeCalendar } {
  const config = source.config ? readConfig(source.config) : scheduleConfigSchema.parse({});
  const exchange = source.exchange ?? config.exchange;
  try {
    const calendar = getCalendar(exchange, { adhoc: exchange === config.exchange ? config.adhoc : [] });
    return { config, calendar };
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function readConfig(file: string): ScheduleConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${file}: ${errorMessage(error)}`);
  }
  try {
    return parseScheduleConfigFile(text, file);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

/** Runs a command body, turning a UsageError into a message on stderr and exit code 2. */
export function withUsageErrors(io: CliIo, command: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof RangeError)) throw error;
    io.err(`haltwatch ${command}: ${error.message}`);
    process.exitCode = EXIT.usage;
  }
}

interface ScheduleOptions extends ScheduleSource {
  from?: string;
  to?: string;
  json?: boolean;
}

export function registerScheduleCommand(program: Command, io: CliIo): void {
  program
    .command('schedule')
    .description('list every scheduled check between two exchange-local dates (both inclusive)')
    .option('--exchange <id>', 'exchange calendar, e.g. XNYS or CRYPTO (default: the config’s, else XNYS)')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD (at most 3 years after --from)')
    .option('--config <file>', 'JSON file { "schedule": { exchange, entries, adhoc, catchUp } }')
    .option('--json', 'print JSON: a list of { name, checkpoint, at, local, exchange }')
    .action((options: ScheduleOptions) => withUsageErrors(io, 'schedule', () => runSchedule(options, io)));
}

function runSchedule(options: ScheduleOptions, io: CliIo): void {
  const from = requireDate(options.from, '--from');
  const to = requireDate(options.to, '--to');
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days > MAX_RANGE_DAYS)
    throw new UsageError(
      `the range ${from} to ${to} spans ${days} days; at most ${MAX_RANGE_DAYS} (3 years)`,
    );
  const { config, calendar } = loadSchedule(options);
  for (const date of [from, to]) calendar.session(date); // throws a RangeError naming a year out of range
  const end = calendar.startOfDay(to) + DAY_MS * 2; // past local midnight after `to`, whatever the DST
  const checks = computeSchedule(calendar, config.entries, calendar.startOfDay(from), end).filter(
    (c) => calendar.dateAt(c.dueAt) <= to,
  );
  const rows = checks.map((c) => scheduleRow(calendar, c));
  io.out(options.json ? JSON.stringify(rows, null, 2) : scheduleTable(calendar, rows));
}

function requireDate(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} YYYY-MM-DD is required`);
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} must be a real date as YYYY-MM-DD (got "${value}")`);
  return parsed.data;
}

interface ScheduleRow {
  name: string;
  checkpoint: string;
  at: string;
  local: string;
  exchange: string;
}

function scheduleRow(calendar: ExchangeCalendar, check: ScheduledCheck): ScheduleRow {
  return {
    name: check.name,
    checkpoint: check.checkpoint,
    at: new Date(check.dueAt).toISOString(),
    local: calendar.localTime(check.dueAt),
    exchange: check.exchange,
  };
}

function scheduleTable(calendar: ExchangeCalendar, rows: ScheduleRow[]): string {
  if (rows.length === 0) return `No ${calendar.id} checks scheduled in this range.`;
  const table = textTable(
    [`local (${calendar.zone})`, 'UTC', 'checkpoint', 'name'],
    rows.map((r) => [r.local.replace('T', ' '), r.at, r.checkpoint, r.name]),
  );
  return [...table, `${rows.length} checks`].join('\n');
}
