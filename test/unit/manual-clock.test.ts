import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/manual-clock.ts';

describe('ManualClock', () => {
  it('fires timers in due order while advancing and not after cancel', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b'), 200);
    clock.setTimer(() => fired.push('a'), 100);
    const c = clock.setTimer(() => fired.push('c'), 150);
    c.cancel();
    clock.advance(150);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(150);
    clock.advance(50);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('jump moves the wall clock without firing timers', () => {
    const clock = new ManualClock(0);
    let fired = false;
    clock.setTimer(() => (fired = true), 10);
    clock.jump(1000);
    expect(fired).toBe(false);
    expect(clock.now()).toBe(1000);
  });
});
