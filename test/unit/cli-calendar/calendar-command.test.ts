import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('haltwatch calendar', () => {
  it('prints the published 2027 NYSE holidays and early closes as JSON', async () => {
    const result = await runCli('calendar', '--exchange', 'XNYS', '--year', '2027', '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      exchange: 'XNYS',
      year: 2027,
      holidays: [
        { date: '2027-01-01', name: "New Year's Day" },
        { date: '2027-01-18', name: 'Martin Luther King Jr. Day' },
        { date: '2027-02-15', name: "Washington's Birthday" },
        { date: '2027-03-26', name: 'Good Friday' },
        { date: '2027-05-31', name: 'Memorial Day' },
        { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed)' },
        { date: '2027-07-05', name: 'Independence Day (observed)' },
        { date: '2027-09-06', name: 'Labor Day' },
        { date: '2027-11-25', name: 'Thanksgiving Day' },
        { date: '2027-12-24', name: 'Christmas Day (observed)' },
      ],
      earlyCloses: [{ date: '2027-11-26', close: '13:00' }],
    });
  });

  it('prints a readable table by default, defaulting to XNYS', async () => {
    const result = await runCli('calendar', '--year', '2025');
    expect(result.exitCode).toBe(0);
    expect(result.out).toContain(
      'XNYS (New York Stock Exchange) 2025, times in America/New_York: 250 sessions',
    );
    expect(result.out).toContain('2025-01-09  Thu  National Day of Mourning for President Carter');
    expect(result.out).toContain('2025-12-24  Wed  13:00  Christmas Eve');
  });

  it('adds the ad-hoc closures from --config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haltwatch-cal-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ schedule: { adhoc: [{ date: '2027-03-01', type: 'closed', name: 'Outage' }] } }),
    );
    const result = await runCli('calendar', '--year', '2027', '--config', file, '--json');
    expect(JSON.parse(result.out).holidays).toContainEqual({ date: '2027-03-01', name: 'Outage' });
  });

  it.each([
    [['calendar'], '--year YYYY is required'],
    [['calendar', '--year', '27'], '--year must be a four-digit year (got "27")'],
    [['calendar', '--year', '1999'], '--year must be from 2000 to 2100 (got 1999)'],
    [
      ['calendar', '--year', '2027', '--exchange', 'XLON'],
      'unknown exchange "XLON"; known exchanges: XNYS, CRYPTO',
    ],
    [['calendar', '--year', '2027', '--config', '/nonexistent/haltwatch.json'], 'cannot read config file'],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await runCli(...args);
    expect(result.exitCode).toBe(2);
    expect(result.err).toContain(`haltwatch calendar: ${message}`);
    expect(result.out).toBe('');
  });
});
