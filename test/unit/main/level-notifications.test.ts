import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LevelName } from '../../../shared/levels.ts';
import { electronMock, FakeNotification } from './electron-mock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

vi.mock('electron', () => electronMock());
const { LevelNotifications } = await import('../../../electron/main/level-notifications.ts');

beforeEach(() => {
  FakeNotification.shown = [];
  FakeNotification.supported = true;
});

describe('level notifications', () => {
  it('always notify on HALT and SHUTDOWN, critically', () => {
    const n = new LevelNotifications(
      'NORMAL',
      () => [],
      () => {},
    );
    n.observe(statusAt('HALT'));
    n.observe(statusAt('SHUTDOWN'));
    expect(FakeNotification.shown.map((s) => s.options.title)).toEqual([
      'Haltwatch: HALT',
      'Haltwatch: SHUTDOWN',
    ]);
    expect(FakeNotification.shown[0]?.options.urgency).toBe('critical');
    expect(FakeNotification.shown[0]?.options.body).toContain('broker');
  });

  it('notify on other rises only when chosen, and never on a step down or the same level', () => {
    let chosen: LevelName[] = [];
    const n = new LevelNotifications(
      'NORMAL',
      () => chosen,
      () => {},
    );
    n.observe(statusAt('ALERT'));
    expect(FakeNotification.shown).toHaveLength(0);
    n.observe(statusAt('NORMAL'));
    chosen = ['ALERT'];
    n.observe(statusAt('ALERT'));
    n.observe(statusAt('ALERT'));
    n.observe(statusAt('NORMAL'));
    expect(FakeNotification.shown.map((s) => s.options.title)).toEqual(['Haltwatch: ALERT']);
  });

  it('keeps a notification referenced until clicked, and a click opens the dashboard', () => {
    const open = vi.fn();
    const n = new LevelNotifications('NORMAL', () => [], open);
    n.observe(statusAt('HALT'));
    expect(n.pending).toBe(1);
    FakeNotification.shown[0]?.handlers.click?.();
    expect(open).toHaveBeenCalledOnce();
    expect(n.pending).toBe(0);
  });
});
