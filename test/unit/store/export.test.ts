import { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseExportTime, registerExportCommand } from '../../../electron/cli/export.ts';
import type { CliIo } from '../../../electron/cli/io.ts';
import type { ExportQuery } from '../../../shared/history.ts';
import { csvText } from '../../../electron/core/store/csv.ts';
import { openStore, type Store } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, failedResult, okResult, tempDir } from './sample-data.ts';

const T0 = Date.UTC(2026, 0, 5, 14, 30);
const NASTY = 'HTTP 503: "busy", retry\nlater';

/** A small RFC 4180 reader, to prove the writer's output parses back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** The whole export as text, through the streaming exportTo that the desktop app uses. */
function exportText(store: Store, query: ExportQuery): string {
  const chunks: string[] = [];
  store.exportTo(query, (chunk) => void chunks.push(chunk));
  return chunks.join('');
}

function seed(store: Store): void {
  const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
  store.finishCheck(id, {
    finishedAt: T0 + 10,
    results: [
      okResult('broker', T0, 12.5, { details: { status: 200 } }),
      failedResult('redis', T0 + 1, NASTY),
    ],
  });
  const later = store.beginCheck({ reason: 'manual', startedAt: T0 + 86_400_000 });
  store.finishCheck(later, {
    finishedAt: T0 + 86_400_010,
    results: [okResult('broker', T0 + 86_400_000, 7)],
  });
  store.appendAudit({
    at: T0 + 5,
    kind: 'breaker',
    service: 'redis',
    from: 'CLOSED',
    to: 'OPEN',
    cause: { signal: 'failures', value: 5, threshold: 5 },
  });
  store.appendAudit({
    at: T0 + 6,
    kind: 'manual',
    action: 'override_on',
    reason: '=HYPERLINK("x"), "news"',
    actor: 'trader',
  });
}

let store: Store;
let dir: string;
beforeEach(() => {
  dir = tempDir();
  store = openStore({ dir, clock: new ManualClock(T0), scheduleRetention: false }).store;
  seed(store);
});
afterEach(() => {
  store.close();
  cleanupTempDirs();
});

describe('export', () => {
  it('writes results as CSV that parses back to the same fields, only within [from, to)', () => {
    const csv = exportText(store, { what: 'results', from: T0, to: T0 + 86_400_000, format: 'csv' });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'at',
      'service',
      'kind',
      'outcome',
      'ok',
      'latency_ms',
      'slow',
      'reason',
      'check_id',
      'details',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-01-05T14:30:00.000Z',
        'broker',
        'http',
        'ok',
        'true',
        '12.5',
        '',
        'HTTP 200',
        '1',
        '{"status":200}',
      ],
      ['2026-01-05T14:30:00.001Z', 'redis', 'http', 'fail', 'false', '40', '', NASTY, '1', ''],
    ]);
  });

  it('writes the audit log as CSV, defusing text a spreadsheet would run as a formula', () => {
    const rows = parseCsv(exportText(store, { what: 'audit', from: T0, to: T0 + 100, format: 'csv' }));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      '2026-01-05T14:30:00.005Z',
      'breaker',
      'redis',
      'CLOSED',
      'OPEN',
      '',
      '',
      '',
      '{"signal":"failures","value":5,"threshold":5}',
      '',
    ]);
    expect(rows[2]?.[6]).toBe(`'=HYPERLINK("x"), "news"`);
  });

  it('writes JSON that parses, with the same rows', () => {
    const results = JSON.parse(
      exportText(store, { what: 'results', from: T0, to: T0 + 2 * 86_400_000, format: 'json' }),
    );
    expect(results.map((r: { service: string; reason: string }) => [r.service, r.reason])).toEqual([
      ['broker', 'HTTP 200'],
      ['redis', NASTY],
      ['broker', 'HTTP 200'],
    ]);
    const audit = JSON.parse(exportText(store, { what: 'audit', from: T0, to: T0 + 100, format: 'json' }));
    expect(audit.map((e: { kind: string }) => e.kind)).toEqual(['breaker', 'manual']);
    expect(JSON.parse(exportText(store, { what: 'audit', from: 0, to: 1, format: 'json' }))).toEqual([]);
  });

  it('rejects a bad range with the fields named', () => {
    expect(() => exportText(store, { what: 'results', from: 10, to: 5, format: 'csv' })).toThrow(
      /export: to/,
    );
    expect(() => exportText(store, { what: 'results', from: 0, to: 5, format: 'xml' as 'csv' })).toThrow(
      /export: format: .*\(got "xml"\)/,
    );
  });

  it('csvText quotes only what needs it', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('-5')).toBe("'-5");
    expect(csvText(null)).toBe('');
  });
});

describe('haltwatch export', () => {
  function runCli(args: string[]): { out: string; err: string; code: number } {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { HALTWATCH_DATA_DIR: dir } };
    const program = new Command('haltwatch').exitOverride();
    registerExportCommand(program, io);
    process.exitCode = undefined;
    program.parse(['node', 'haltwatch', 'export', ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return { out: out.join(''), err: err.join('\n'), code };
  }

  it('exports a day of results to standard output, reading the data folder from the environment', () => {
    const { out, err, code } = runCli(['--from', '2026-01-05', '--to', '2026-01-05', '--format', 'csv']);
    expect(code).toBe(0);
    expect(parseCsv(out).map((r) => r[1])).toEqual(['service', 'broker', 'redis']);
    expect(err).toMatch(/exported 2 results/);
  });

  it('exports the audit log as JSON to a file', () => {
    const file = path.join(tempDir(), 'audit.json');
    const { code } = runCli([
      '--from',
      '2026-01-05T14:00Z',
      '--to',
      '2026-01-06T00:00:00Z',
      '--format',
      'json',
      '--what',
      'audit',
      '--data-dir',
      dir,
      '--out',
      file,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toHaveLength(2);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it.each([
    [['--to', '2026-01-05', '--format', 'csv'], /--from and --to are required/],
    [
      ['--from', 'yesterday', '--to', '2026-01-05', '--format', 'csv'],
      /--from "yesterday" is not an ISO date/,
    ],
    [['--from', '2026-01-06', '--to', '2026-01-05', '--format', 'csv'], /must be before/],
    [
      ['--from', '2026-01-05', '--to', '2026-01-06', '--format', 'xml'],
      /--format must be csv or json \(got xml\)/,
    ],
    [
      ['--from', '2026-01-05', '--to', '2026-01-06', '--format', 'csv', '--what', 'orders'],
      /--what must be results or audit/,
    ],
    [
      [
        '--from',
        '2026-01-05',
        '--to',
        '2026-01-06',
        '--format',
        'csv',
        '--data-dir',
        '/nonexistent/haltwatch',
      ],
      /no history database at/,
    ],
  ])('usage error %j → exit 2 with a message', (args, message) => {
    const { err, code, out } = runCli(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('reads dates as UTC and a bare --to date as the end of that day', () => {
    expect(parseExportTime('2026-01-05', false)).toBe(Date.UTC(2026, 0, 5));
    expect(parseExportTime('2026-01-05', true)).toBe(Date.UTC(2026, 0, 6));
    expect(parseExportTime('2026-01-05T09:30-05:00', true)).toBe(Date.UTC(2026, 0, 5, 14, 30));
    expect(parseExportTime('05/01/2026', false)).toBeNull();
  });
});
