import { beforeEach, describe, expect, it } from 'vitest';
import type { LevelName } from '../../../shared/levels.ts';
import type { MissedCheck } from '../../../shared/schedule.ts';
import type { Notice } from '../../../electron/core/notify/notice.ts';
import { NotificationPolicy } from '../../../electron/core/notify/policy.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

let clock: ManualClock;
let sent: Notice[];
let chosen: LevelName[];

function policy(extra: { coalesceMs?: number; initialLevel?: LevelName } = {}) {
  return new NotificationPolicy({ clock, send: (n) => sent.push(n), chosenLevels: () => chosen, ...extra });
}

const titles = () => sent.map((n) => n.title);

beforeEach(() => {
  clock = new ManualClock();
  sent = [];
  chosen = [];
});

describe('the notification policy', () => {
  it('tells a config file that failed to load once, and again only after it was fixed and broke again', () => {
    const p = policy();
    const problem = {
      file: '/d/settings.json',
      message: 'not JSON; running on the last good copy',
      issues: [],
      keptAt: null,
    };
    p.observeStatus(statusAt('NORMAL', { problems: [problem] }));
    p.observeStatus(statusAt('NORMAL', { problems: [problem] }));
    p.observeStatus(statusAt('NORMAL', { problems: [] }));
    p.observeStatus(statusAt('NORMAL', { problems: [problem] }));
    expect(sent.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['config_problem', 'Haltwatch: settings.json could not be loaded', problem.message],
      ['config_problem', 'Haltwatch: settings.json could not be loaded', problem.message],
    ]);
  });

  it('tells when the history is saved again after writes failed', () => {
    const p = policy();
    const unsaved = { persistent: false, message: 'disk full' };
    p.observeStatus(statusAt('HALT', { history: unsaved }));
    p.observeStatus(statusAt('HALT', { history: unsaved }));
    p.observeStatus(statusAt('HALT', { history: { persistent: true, message: null } }));
    expect(sent.map((n) => n.kind)).toEqual(['level', 'history_saved']);
  });

  it('announces HALT and SHUTDOWN critically whatever the settings, pointing at the board', () => {
    const p = policy();
    p.observeStatus(statusAt('HALT'));
    p.observeStatus(statusAt('SHUTDOWN'));
    expect(titles()).toEqual(['Haltwatch: ■ HALT', 'Haltwatch: ✕ SHUTDOWN']);
    expect(sent.map((n) => [n.kind, n.urgency, n.target])).toEqual([
      ['level', 'critical', '#/board'],
      ['level', 'critical', '#/board'],
    ]);
    expect(sent[0]?.body).toContain('Cause: broker breaker open');
  });

  it('announces other levels only when chosen, on arrival in either direction, never twice for the same level', () => {
    const p = policy();
    p.observeStatus(statusAt('ALERT'));
    expect(sent).toHaveLength(0);
    chosen = ['ALERT', 'NORMAL'];
    clock.advance(120_000);
    p.observeStatus(statusAt('NORMAL'));
    clock.advance(120_000);
    p.observeStatus(statusAt('ALERT'));
    p.observeStatus(statusAt('ALERT'));
    expect(titles()).toEqual(['Haltwatch: ✓ NORMAL', 'Haltwatch: ! ALERT']);
    expect(sent.every((n) => n.urgency === 'normal')).toBe(true);
  });

  it('folds flapping inside 60 s into one notice with the level at the end of the window', () => {
    chosen = ['ALERT', 'THROTTLE', 'NORMAL'];
    const p = policy();
    p.observeStatus(statusAt('ALERT')); // t=0: sent
    clock.advance(5_000);
    p.observeStatus(statusAt('NORMAL')); // held until t=60 s
    clock.advance(5_000);
    p.observeStatus(statusAt('THROTTLE'));
    clock.advance(5_000);
    p.observeStatus(statusAt('ALERT'));
    expect(titles()).toEqual(['Haltwatch: ! ALERT']);
    clock.advance(44_999);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ kind: 'flapping', title: 'Haltwatch: ! ALERT (level changing often)' });
    expect(sent[1]?.body).toContain('3 more level changes in the last 60 s; now ALERT');
    // The window restarts at the flapping notice: a change 30 s later waits for it to end.
    clock.advance(30_000);
    p.observeStatus(statusAt('NORMAL'));
    expect(sent).toHaveLength(2);
    clock.advance(30_000);
    expect(sent.map((n) => n.body.split('\n')[0])).toContain(
      '1 more level change in the last 60 s; now NORMAL.',
    );
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never holds back HALT or SHUTDOWN, even mid-flap, and drops the held notice it supersedes', () => {
    chosen = ['ALERT', 'THROTTLE'];
    const p = policy();
    p.observeStatus(statusAt('ALERT'));
    clock.advance(1_000);
    p.observeStatus(statusAt('THROTTLE')); // held
    clock.advance(1_000);
    p.observeStatus(statusAt('HALT'));
    clock.advance(1_000);
    p.observeStatus(statusAt('SHUTDOWN'));
    clock.advance(1_000);
    p.observeStatus(statusAt('HALT'));
    expect(titles()).toEqual([
      'Haltwatch: ! ALERT',
      'Haltwatch: ■ HALT',
      'Haltwatch: ✕ SHUTDOWN',
      'Haltwatch: ■ HALT',
    ]);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(120_000);
    expect(sent).toHaveLength(4);
  });

  it('announces once per HALT that leaving it needs the operator', () => {
    const p = policy({ initialLevel: 'HALT' });
    p.observeStatus(statusAt('HALT'));
    p.observeStatus(statusAt('HALT', { awaitingConfirmation: true }));
    p.observeStatus(statusAt('HALT', { awaitingConfirmation: true }));
    expect(sent.map((n) => [n.kind, n.target])).toEqual([['confirm_halt', '#/controls']]);
  });

  it('starting in HALT counts as arriving there; starting where the app was does not', () => {
    policy().observeStatus(statusAt('HALT'));
    policy({ initialLevel: 'THROTTLE' }).observeStatus(statusAt('THROTTLE'));
    expect(titles()).toEqual(['Haltwatch: ■ HALT']);
  });

  it('announces a missed market open or close check in the exchange time, and no other missed check', () => {
    const p = policy();
    const miss: MissedCheck = {
      name: 'open',
      checkpoint: 'market_open',
      dueAt: Date.UTC(2026, 0, 5, 14, 30),
      expiresAt: Date.UTC(2026, 0, 5, 14, 45),
      priority: 1,
      exchange: 'XNYS',
      detectedAt: Date.UTC(2026, 0, 5, 16),
      alert: true,
    };
    p.observeMissed(miss);
    p.observeMissed({ ...miss, checkpoint: 'midday', alert: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      kind: 'missed_check',
      urgency: 'critical',
      target: '#/schedule',
      title: 'Haltwatch: the market open check did not run',
    });
    expect(sent[0]?.body).toContain('09:30, Mon 2026-01-05 America/New_York');
  });

  it('keeps going when a channel throws or the settings cannot be read', () => {
    const logs: string[] = [];
    let calls = 0;
    const p = new NotificationPolicy({
      clock,
      send: () => {
        calls++;
        throw new Error('boom');
      },
      chosenLevels: () => {
        throw new Error('settings gone');
      },
      log: (m) => logs.push(m),
    });
    p.observeStatus(statusAt('ALERT'));
    p.observeStatus(statusAt('HALT'));
    p.observeStatus(statusAt('SHUTDOWN'));
    expect(calls).toBe(2);
    expect(logs[0]).toContain('boom');
  });

  it('rejects bad parameters naming the field and the value', () => {
    expect(() => policy({ coalesceMs: -1 })).toThrow(/coalesceMs: at least 0 \(got -1\)/);
    expect(() => policy({ coalesceMs: 1.5 })).toThrow(/coalesceMs: a whole number/);
    expect(() => policy({ initialLevel: 'PANIC' as LevelName })).toThrow(/initialLevel.*"PANIC"/);
  });

  it('with coalescing off, every chosen arrival notifies', () => {
    chosen = ['ALERT', 'NORMAL'];
    const p = policy({ coalesceMs: 0 });
    for (const level of ['ALERT', 'NORMAL', 'ALERT'] as const) p.observeStatus(statusAt(level));
    expect(sent).toHaveLength(3);
  });
});
