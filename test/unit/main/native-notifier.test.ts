import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeNotification, resetElectronFakes } from './electron-mock.ts';
import { infoNotice, levelNotice } from '../../../electron/core/notify/notices.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

vi.mock('electron', () => electronMock());
const { NativeNotifier } = await import('../../../electron/main/native-notifier.ts');

let sound: boolean;
const open = vi.fn();
const log = vi.fn();
const notifier = () => new NativeNotifier({ open, sound: () => sound, log });

beforeEach(() => {
  resetElectronFakes();
  vi.clearAllMocks();
  sound = true;
});

describe('native notifications', () => {
  it('show critical notices critically and without expiry', () => {
    notifier().send(levelNotice(statusAt('HALT')));
    expect(FakeNotification.shown[0]?.options).toEqual({
      title: 'Haltwatch: ■ HALT',
      body: 'No new positions; reduce, close and cancel only\nCause: broker breaker open',
      urgency: 'critical',
      timeoutType: 'never',
      silent: false,
    });
    sound = false;
    notifier().send(infoNotice('Haltwatch is still watching', 'tray'));
    expect(FakeNotification.shown[1]?.options).toMatchObject({
      urgency: 'normal',
      timeoutType: 'default',
      silent: true,
    });
  });

  it('keep each notification referenced until clicked, closed or failed; a click opens its screen', () => {
    const n = notifier();
    n.send(levelNotice(statusAt('HALT')));
    n.send({ ...levelNotice(statusAt('SHUTDOWN')), target: '#/controls' });
    n.send(levelNotice(statusAt('HALT')));
    expect(n.pending).toBe(3);
    FakeNotification.shown[1]?.handlers.click?.();
    expect(open).toHaveBeenCalledWith('#/controls');
    FakeNotification.shown[0]?.handlers.close?.();
    FakeNotification.shown[2]?.handlers.failed?.({}, 'toast failed');
    expect(n.pending).toBe(0);
    expect(log).toHaveBeenCalledWith('haltwatch: notification "Haltwatch: ■ HALT" failed: toast failed');
  });

  it('log instead of throwing where notifications are unsupported or broken', () => {
    FakeNotification.supported = false;
    expect(() => notifier().send(levelNotice(statusAt('HALT')))).not.toThrow();
    FakeNotification.supported = true;
    FakeNotification.failConstruction = true;
    expect(() => notifier().send(levelNotice(statusAt('HALT')))).not.toThrow();
    expect(log).toHaveBeenCalledTimes(2);
    expect(FakeNotification.shown).toHaveLength(0);
  });
});
