import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { EXPORT_FORMATS, EXPORT_WHAT } from '../../shared/history.ts';
import { defaultDataDir } from '../core/paths.ts';
import { DEFAULT_DB_FILE, openReadOnly, writeExport } from '../core/store/index.ts';
import { EXIT, type CliIo } from './io.ts';
import { errorMessage } from '../../shared/errors.ts';

interface ExportOptions {
  from?: string;
  to?: string;
  format?: string;
  what: string;
  dataDir?: string;
  out?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO date or date-time; without a zone it is UTC. A date alone means its start for --from and
 * its end for --to, so `--from 2026-01-01 --to 2026-01-31` covers all of January.
 */
export function parseExportTime(value: string, end: boolean): number | null {
  const parsed = DateTime.fromISO(value.trim(), { zone: 'utc' });
  if (!parsed.isValid) return null;
  return (DATE_ONLY.test(value.trim()) && end ? parsed.plus({ days: 1 }) : parsed).toMillis();
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

function usage(io: CliIo, message: string): void {
  io.err(`haltwatch export: ${message}`);
  process.exitCode = EXIT.usage;
}

function run(options: ExportOptions, io: CliIo): void {
  if (options.from === undefined || options.to === undefined)
    return usage(io, '--from and --to are required');
  const from = parseExportTime(options.from, false);
  const to = parseExportTime(options.to, true);
  if (from === null)
    return usage(
      io,
      `--from "${options.from}" is not an ISO date or date-time (e.g. 2026-01-05 or 2026-01-05T14:30Z)`,
    );
  if (to === null)
    return usage(
      io,
      `--to "${options.to}" is not an ISO date or date-time (e.g. 2026-01-31 or 2026-01-31T21:00Z)`,
    );
  if (from >= to) return usage(io, `--from (${options.from}) must be before --to (${options.to})`);
  if (!oneOf(EXPORT_FORMATS, options.format))
    return usage(io, `--format must be csv or json (got ${options.format ?? 'nothing'})`);
  if (!oneOf(EXPORT_WHAT, options.what))
    return usage(io, `--what must be results or audit (got ${options.what})`);

  const file = path.join(options.dataDir ?? defaultDataDir(io.env), DEFAULT_DB_FILE);
  let db;
  try {
    db = openReadOnly(file);
  } catch (error) {
    return usage(io, errorMessage(error));
  }
  const query = { from, to, format: options.format, what: options.what };
  try {
    let rows: number;
    if (options.out === undefined) {
      const chunks: string[] = [];
      rows = writeExport(db, query, (chunk) => chunks.push(chunk));
      io.out(chunks.join(''));
    } else {
      // Written beside the target and renamed, so a failed export never leaves half a file.
      const partial = `${options.out}.partial`;
      const fd = fs.openSync(partial, 'w');
      try {
        rows = writeExport(db, query, (chunk) => fs.writeSync(fd, chunk));
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(partial, options.out);
    }
    const range = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
    io.err(
      `exported ${rows} ${options.what === 'audit' ? 'audit events' : 'results'} (${range})${options.out ? ` to ${options.out}` : ''}`,
    );
  } catch (error) {
    io.err(`haltwatch export: failed: ${errorMessage(error)}`);
    process.exitCode = EXIT.unhealthy;
  } finally {
    db.close();
  }
}

/** `haltwatch export`: results or the audit log for a time range, as CSV or JSON. Never writes to the history. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('export probe results or the audit log for a time range as CSV or JSON')
    .option('--from <time>', 'start, ISO date or date-time (UTC unless a zone is given), inclusive')
    .option('--to <time>', 'end, ISO date or date-time; a date alone includes that whole day')
    .option('--format <format>', 'csv or json')
    .option('--what <what>', 'results or audit', 'results')
    .option('--data-dir <dir>', "the data folder (default: the app's data folder)")
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: ExportOptions) => run(options, io));
}
