import { describe, expect, it, vi } from 'vitest';
import type { SignalCause } from '../../../shared/audit.ts';
import type { LevelChange } from '../../../shared/contract/engine.ts';
import type { LevelName } from '../../../shared/levels.ts';
import { EventHub } from '../../../electron/core/events.ts';
import { startHeadlessNotifications } from '../../../electron/core/notify/headless.ts';
import type { NotificationSource } from '../../../electron/core/notify/watch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { centerHarness } from '../../helpers/notification-center.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

function source(level: LevelName): NotificationSource {
  const clock = new ManualClock();
  return {
    events: new EventHub(),
    clock,
    settings: { get: () => ({ notifications: { levels: ['ALERT'], sound: false } }) },
    status: () => statusAt(level),
    notifications: centerHarness({ clock }).center,
    log: () => {},
  };
}

function change(from: LevelName, to: LevelName, cause?: SignalCause): LevelChange {
  return { at: 0, kind: 'level', from, to, ...(cause ? { cause } : {}) };
}

describe('headless notifications', () => {
  it('turn the engine events into node-notifier calls until stopped', () => {
    const notify = vi.fn();
    const s = source('NORMAL');
    const stop = startHeadlessNotifications(s, { notify });
    s.events.emit('level.changed', change('NORMAL', 'ALERT'));
    s.events.emit('status', statusAt('ALERT'));
    s.events.emit('level.changed', change('ALERT', 'HALT'));
    s.events.emit('status', statusAt('HALT'));
    s.events.emit('schedule.missed', {
      name: 'close',
      checkpoint: 'market_close',
      dueAt: 0,
      expiresAt: 0,
      priority: 1,
      exchange: 'XNYS',
      detectedAt: 0,
      alert: true,
    });
    expect(notify.mock.calls[0]?.[0].sound).toBe(false);
    expect(notify.mock.calls.map(([o]) => o.title)).toEqual([
      'Haltwatch: ! ALERT',
      'Haltwatch: ■ HALT',
      'Haltwatch: the market close check did not run',
    ]);
    stop();
    s.events.emit('level.changed', change('HALT', 'SHUTDOWN'));
    s.events.emit('status', statusAt('SHUTDOWN'));
    expect(notify).toHaveBeenCalledTimes(3);
  });

  it('say so when the engine starts in HALT', () => {
    const notify = vi.fn();
    startHeadlessNotifications(source('HALT'), { notify });
    expect(notify.mock.calls[0]?.[0].title).toBe('Haltwatch: ■ HALT');
  });

  it('tell each level change with the cause its own transition carried', () => {
    const notify = vi.fn();
    const s = source('NORMAL');
    startHeadlessNotifications(s, { notify });
    const latency = { signal: 'latency', service: 'quotes', value: 900, threshold: 500 };
    const broker = { signal: 'breaker', service: 'broker', value: 'OPEN' };
    // Two moves inside one check, then the one status showing where it ended.
    s.events.emit('level.changed', change('NORMAL', 'ALERT', latency));
    s.events.emit('level.changed', change('ALERT', 'HALT', broker));
    s.events.emit('status', statusAt('HALT', { cause: broker }));
    const notices = notify.mock.calls.map(([o]) => ({ title: o.title, message: o.message }));
    expect(notices.map((n) => n.title)).toEqual(['Haltwatch: ! ALERT', 'Haltwatch: ■ HALT']);
    expect(notices[0]?.message).toContain('quotes');
    expect(notices[0]?.message).not.toContain('broker');
    expect(notices[1]?.message).toContain('broker');
  });
});
