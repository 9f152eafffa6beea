import { describe, expect, it } from 'vitest';
import { HeartbeatBook, MAX_HEARTBEAT_NAMES, runProbe } from '../../../electron/core/probes/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { context, service } from './kit.ts';

const bot = service({ kind: 'heartbeat', name: 'bot', graceSeconds: 60 });

describe('heartbeat probe (dead man’s switch)', () => {
  it('is healthy while beats arrive within the grace period and fails after it', async () => {
    const clock = new ManualClock();
    const heartbeats = new HeartbeatBook();
    heartbeats.beat('bot', clock.now());
    clock.advance(60_000);
    expect(await runProbe(bot, context({ clock, heartbeats }))).toMatchObject({
      outcome: 'ok',
      reason: 'last heartbeat from "bot" 60 s ago',
    });
    clock.advance(35_000);
    expect(await runProbe(bot, context({ clock, heartbeats }))).toMatchObject({
      outcome: 'fail',
      reason: 'no heartbeat from "bot" for 95 s (grace 60 s)',
      details: { secondsSinceHeartbeat: 95 },
    });
    heartbeats.beat('BOT', clock.now());
    expect((await runProbe(bot, context({ clock, heartbeats }))).outcome).toBe('ok');
  });

  it("measures latency on the clock's monotonic reading, so a wall-clock step cannot distort it", async () => {
    const clock = new ManualClock();
    const heartbeats = new HeartbeatBook();
    heartbeats.beat('bot', clock.now());
    const readings = [1_000, 1_250.46];
    const stepping = {
      now: () => clock.now(),
      setTimer: clock.setTimer.bind(clock),
      monotonic: () => {
        clock.jump(-3_600_000); // the wall clock steps back an hour mid-probe
        return readings.shift() ?? Number.NaN;
      },
    };
    const result = await runProbe(bot, context({ clock: stepping, heartbeats }));
    expect(result).toMatchObject({ outcome: 'ok', latencyMs: 250.5 });
    expect(readings).toEqual([]);
  });

  it('gives a bot that never reported one grace period from when watching began', async () => {
    const clock = new ManualClock();
    const heartbeats = new HeartbeatBook();
    expect((await runProbe(bot, context({ clock, heartbeats }))).reason).toBe(
      'waiting for the first heartbeat from "bot" (grace 60 s)',
    );
    clock.advance(61_000);
    expect(await runProbe(bot, context({ clock, heartbeats }))).toMatchObject({
      outcome: 'fail',
      reason: 'no heartbeat from "bot" in the 61 s it has been watched (grace 60 s)',
    });
  });

  it('survives a restart through serialize, and ignores a damaged snapshot', () => {
    const book = new HeartbeatBook();
    book.beat('bot', 1_000);
    book.watchingSince('other', 500);
    const restored = new HeartbeatBook(JSON.parse(JSON.stringify(book.serialize())));
    expect(restored.last('bot')).toBe(1_000);
    expect(restored.watchingSince('other', 9_999)).toBe(500);
    expect(new HeartbeatBook({ beats: 'garbage' }).last('bot')).toBeUndefined();
  });

  it('never moves back in time and refuses bad or endless names', () => {
    const book = new HeartbeatBook();
    expect(book.beat('bot', 2_000)).toBe(true);
    expect(book.beat('bot', 1_000)).toBe(true);
    expect(book.last('bot')).toBe(2_000);
    expect(book.beat('bot', Number.NaN)).toBe(false);
    expect(book.beat('  ', 1)).toBe(false);
    for (let i = 1; i < MAX_HEARTBEAT_NAMES; i++) book.beat(`bot-${i}`, 1);
    expect(book.beat('one-too-many', 1)).toBe(false);
    expect(book.beat('bot', 3_000)).toBe(true);
  });
});
