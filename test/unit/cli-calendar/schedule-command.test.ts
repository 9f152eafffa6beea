import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'haltwatch-schedule-')), 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('haltwatch schedule', () => {
  it('lists open and close checks across the DST switch, a holiday and an early close', async () => {
    const result = await runCli('schedule', '--from', '2026-03-06', '--to', '2026-03-09', '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.out)).toEqual([
      {
        name: 'market open',
        checkpoint: 'market_open',
        at: '2026-03-06T14:30:00.000Z',
        local: '2026-03-06T09:30',
        exchange: 'XNYS',
      },
      {
        name: 'market close',
        checkpoint: 'market_close',
        at: '2026-03-06T21:00:00.000Z',
        local: '2026-03-06T16:00',
        exchange: 'XNYS',
      },
      {
        name: 'market open',
        checkpoint: 'market_open',
        at: '2026-03-09T13:30:00.000Z',
        local: '2026-03-09T09:30',
        exchange: 'XNYS',
      },
      {
        name: 'market close',
        checkpoint: 'market_close',
        at: '2026-03-09T20:00:00.000Z',
        local: '2026-03-09T16:00',
        exchange: 'XNYS',
      },
    ]);
    const thanksgiving = JSON.parse(
      (await runCli('schedule', '--from', '2026-11-26', '--to', '2026-11-27', '--json')).out,
    );
    expect(thanksgiving.map((r: { local: string }) => r.local)).toEqual([
      '2026-11-27T09:30',
      '2026-11-27T13:00',
    ]);
  });

  it('uses the entries and exchange from --config', async () => {
    const file = configFile({
      schedule: {
        exchange: 'CRYPTO',
        entries: [{ name: 'hourly', checkpoint: 'interval', anchor: 'interval', everyMinutes: 360 }],
      },
    });
    const rows = JSON.parse(
      (await runCli('schedule', '--from', '2026-03-07', '--to', '2026-03-07', '--config', file, '--json'))
        .out,
    );
    expect(rows.map((r: { local: string }) => r.local)).toEqual([
      '2026-03-07T00:00',
      '2026-03-07T06:00',
      '2026-03-07T12:00',
      '2026-03-07T18:00',
    ]);
    expect(rows[0].exchange).toBe('CRYPTO');
  });

  it('prints a readable table by default', async () => {
    const result = await runCli('schedule', '--from', '2026-01-05', '--to', '2026-01-05');
    expect(result.out.split('\n')).toEqual([
      'local (America/New_York)  UTC                       checkpoint    name',
      '2026-01-05 09:30          2026-01-05T14:30:00.000Z  market_open   market open',
      '2026-01-05 16:00          2026-01-05T21:00:00.000Z  market_close  market close',
      '2 checks',
    ]);
  });

  it('names the file and the field of a bad config', async () => {
    const file = configFile({
      schedule: { entries: [{ name: 'x', checkpoint: 'market_open', anchor: 'open', priority: 500 }] },
    });
    const result = await runCli('schedule', '--from', '2026-01-05', '--to', '2026-01-05', '--config', file);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain(file);
    expect(result.err).toContain('schedule.entries[0].priority: at most 100 (got 500)');
    const broken = configFile('{ not json');
    expect(
      (await runCli('schedule', '--from', '2026-01-05', '--to', '2026-01-05', '--config', broken)).err,
    ).toContain(`${broken}: not valid JSON`);
  });

  it.each([
    [['schedule', '--to', '2026-01-05'], '--from YYYY-MM-DD is required'],
    [
      ['schedule', '--from', '2026-02-30', '--to', '2026-03-01'],
      '--from must be a real date as YYYY-MM-DD (got "2026-02-30")',
    ],
    [
      ['schedule', '--from', '2026-03-02', '--to', '2026-03-01'],
      '--from 2026-03-02 is after --to 2026-03-01',
    ],
    [
      ['schedule', '--from', '2026-01-01', '--to', '2030-01-01'],
      'the range 2026-01-01 to 2030-01-01 spans 1461 days; at most 1098 (3 years)',
    ],
    [['schedule', '--from', '1999-12-01', '--to', '2000-01-05'], 'year 1999 is outside the XNYS calendar'],
    [
      ['schedule', '--exchange', 'NOPE', '--from', '2026-01-05', '--to', '2026-01-05'],
      'unknown exchange "NOPE"',
    ],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await runCli(...args);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain(`haltwatch schedule: ${message}`);
  });
});
