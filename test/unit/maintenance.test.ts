import { describe, expect, it } from 'vitest';
import { inMaintenance, maintenanceEndsAt, nextMaintenanceChange } from '../../electron/core/maintenance.ts';
import { maintenanceSchema } from '../../shared/maintenance.ts';
import { serviceSchema } from '../../shared/services.ts';
import { ManualClock } from '../../electron/core/manual-clock.ts';

const saturday = { day: 'sat', start: '06:00', end: '10:00', zone: 'America/New_York' } as const;

describe('inMaintenance', () => {
  it('is false for a service without windows', () => {
    expect(inMaintenance({}, Date.UTC(2026, 11, 5, 12))).toBe(false);
    expect(maintenanceEndsAt({}, Date.UTC(2026, 11, 5, 12))).toBeNull();
    expect(nextMaintenanceChange({}, Date.UTC(2026, 11, 5, 12))).toBeNull();
  });

  it('holds a one-off window from its start up to (not including) its end', () => {
    const clock = new ManualClock('2026-12-05T10:00:00Z');
    const from = clock.now() + 60_000;
    const service = { maintenance: [{ from, to: from + 3_600_000 }] };
    expect(inMaintenance(service, clock.now())).toBe(false);
    expect(nextMaintenanceChange(service, clock.now())).toBe(from);
    clock.advance(60_000);
    expect(inMaintenance(service, clock.now())).toBe(true);
    expect(maintenanceEndsAt(service, clock.now())).toBe(from + 3_600_000);
    clock.advance(3_600_000 - 1);
    expect(inMaintenance(service, clock.now())).toBe(true);
    clock.advance(1);
    expect(inMaintenance(service, clock.now())).toBe(false);
  });

  it('holds a weekly window on its day in its zone only (EST, UTC-5, in December)', () => {
    const service = { maintenance: [saturday] };
    // Saturday 2026-12-05 06:00 New York is 11:00 UTC.
    expect(inMaintenance(service, Date.parse('2026-12-05T10:59:00Z'))).toBe(false);
    expect(inMaintenance(service, Date.parse('2026-12-05T11:00:00Z'))).toBe(true);
    expect(maintenanceEndsAt(service, Date.parse('2026-12-05T12:00:00Z'))).toBe(
      Date.parse('2026-12-05T15:00:00Z'),
    );
    expect(inMaintenance(service, Date.parse('2026-12-05T15:00:00Z'))).toBe(false);
    // Same hours on Friday and Sunday: not in the window.
    expect(inMaintenance(service, Date.parse('2026-12-04T12:00:00Z'))).toBe(false);
    expect(inMaintenance(service, Date.parse('2026-12-06T12:00:00Z'))).toBe(false);
    // The next Saturday.
    expect(nextMaintenanceChange(service, Date.parse('2026-12-05T16:00:00Z'))).toBe(
      Date.parse('2026-12-12T11:00:00Z'),
    );
  });

  it('keeps wall-clock times across the end of DST in America/New_York (the window is an hour longer)', () => {
    // Saturday 2026-10-31 22:00 EDT (UTC-4) to Sunday 04:00 EST (UTC-5); clocks fall back at 02:00.
    const service = {
      maintenance: [{ day: 'sat', start: '22:00', end: '04:00', zone: 'America/New_York' }] as const,
    };
    const clock = new ManualClock('2026-11-01T01:59:00Z');
    expect(inMaintenance(service, clock.now())).toBe(false);
    clock.advance(60_000); // 22:00 EDT
    expect(inMaintenance(service, clock.now())).toBe(true);
    expect(maintenanceEndsAt(service, clock.now())).toBe(Date.parse('2026-11-01T09:00:00Z'));
    clock.advance(6 * 3_600_000); // 03:00 EST: six real hours in, still inside
    expect(inMaintenance(service, clock.now())).toBe(true);
    clock.advance(3_600_000 - 1);
    expect(inMaintenance(service, clock.now())).toBe(true);
    clock.advance(1); // 04:00 EST
    expect(inMaintenance(service, clock.now())).toBe(false);
  });

  it('keeps wall-clock times across the start of DST (the window is an hour shorter)', () => {
    // Saturday 2026-03-07 22:00 EST to Sunday 2026-03-08 04:00 EDT: 5 real hours.
    const service = {
      maintenance: [{ day: 'sat', start: '22:00', end: '04:00', zone: 'America/New_York' }] as const,
    };
    expect(maintenanceEndsAt(service, Date.parse('2026-03-08T03:00:00Z'))).toBe(
      Date.parse('2026-03-08T08:00:00Z'),
    );
  });

  it('joins overlapping windows when saying when maintenance ends', () => {
    const service = {
      maintenance: [
        { from: 1_000, to: 5_000 },
        { from: 4_000, to: 9_000 },
      ],
    };
    expect(maintenanceEndsAt(service, 2_000)).toBe(9_000);
  });
});

describe('maintenance windows in the services file', () => {
  const http = { name: 'broker', kind: 'http', url: 'http://127.0.0.1:9/health' };

  it('accepts one-off and weekly windows', () => {
    const parsed = serviceSchema.parse({ ...http, maintenance: [saturday, { from: 1, to: 2 }] });
    expect(parsed.maintenance).toHaveLength(2);
  });

  it.each([
    [{ from: 5, to: 5 }, '"to" must be after "from"'],
    [{ ...saturday, start: '6:00' }, 'HH:MM'],
    [{ ...saturday, end: '24:00' }, 'HH:MM'],
    [{ ...saturday, zone: 'Mars/Olympus' }, 'IANA time zone'],
    [{ ...saturday, day: 'saturday' }, 'maintenance window'],
  ])('refuses %j naming the problem', (window, words) => {
    const result = maintenanceSchema.safeParse([window]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(words);
  });
});
