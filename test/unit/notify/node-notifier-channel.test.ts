import { beforeEach, describe, expect, it } from 'vitest';
import {
  createNodeNotifierChannel,
  type NodeNotifierLike,
} from '../../../electron/core/notify/node-notifier-channel.ts';
import { levelNotice } from '../../../electron/core/notify/notices.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

type Call = { options: Parameters<NodeNotifierLike['notify']>[0]; done: (error: Error | null) => void };

let clock: ManualClock;
let logs: string[];
let calls: Call[];
const recording: NodeNotifierLike = {
  notify: (options, done) => calls.push({ options, done }),
};

beforeEach(() => {
  clock = new ManualClock();
  logs = [];
  calls = [];
});

const channel = (notifier: NodeNotifierLike = recording, extra = {}) =>
  createNodeNotifierChannel({ notifier, clock, log: (m) => logs.push(m), ...extra });

describe('the node-notifier channel', () => {
  it('passes title, body, urgency and sound', () => {
    channel().send(levelNotice(statusAt('HALT')));
    expect(calls[0]?.options).toEqual({
      title: 'Haltwatch: ■ HALT',
      message: expect.stringContaining('No new positions'),
      urgency: 'critical',
      sound: true,
      wait: false,
    });
    calls[0]?.done(null);
    expect(logs).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('logs a missing notification service once, and keeps sending', () => {
    const c = channel();
    for (let i = 0; i < 3; i++) {
      c.send(levelNotice(statusAt('HALT')));
      calls[i]?.done(new Error("Couldn't find notify-send or it's not executable"));
    }
    expect(calls).toHaveLength(3);
    expect(logs).toEqual([
      "haltwatch: desktop notification: not shown: Couldn't find notify-send or it's not executable",
    ]);
  });

  it('survives a notifier that throws', () => {
    const throwing: NodeNotifierLike = {
      notify: () => {
        throw new Error('spawn ENOENT');
      },
    };
    const c = channel(throwing);
    expect(() => c.send(levelNotice(statusAt('HALT')))).not.toThrow();
    expect(logs[0]).toContain('spawn ENOENT');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('gives up on a notifier that never answers, and drops rather than piles up while it hangs', () => {
    const c = channel(recording, { timeoutMs: 1_000, maxInFlight: 2 });
    c.send(levelNotice(statusAt('HALT')));
    c.send(levelNotice(statusAt('SHUTDOWN')));
    c.send(levelNotice(statusAt('HALT')));
    expect(calls).toHaveLength(2);
    expect(logs[0]).toContain('not answering; "Haltwatch: ■ HALT" was not shown');
    clock.advance(1_000);
    expect(logs[1]).toContain('no answer within 1000 ms');
    c.send(levelNotice(statusAt('HALT')));
    expect(calls).toHaveLength(3);
    // A late answer after the timeout changes nothing.
    calls[0]?.done(new Error('late'));
    expect(logs.some((l) => l.includes('late'))).toBe(false);
  });

  it('rejects bad parameters naming the field and the value', () => {
    expect(() => channel(recording, { timeoutMs: 5 })).toThrow(/timeoutMs: at least 100 \(got 5\)/);
    expect(() => channel(recording, { maxInFlight: 0 })).toThrow(/maxInFlight: at least 1 \(got 0\)/);
  });
});
