import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LEVELS } from '../../../shared/levels.ts';
import { electronMock, FakeTray, resetElectronFakes } from './electron-mock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';
import { trayMenuActionMocks } from './tray-action-mocks.ts';

vi.mock('electron', () => electronMock());
const { LevelTray } = await import('../../../electron/main/tray.ts');
const { MENU_LABELS } = await import('../../../electron/main/tray-menu.ts');

const actions = trayMenuActionMocks();

beforeEach(() => {
  resetElectronFakes();
  vi.clearAllMocks();
});

const overridden = { enabled: true, reason: 'lunch', actor: 'desktop app', since: 0 };

describe('the tray', () => {
  it('shows a glyph image and a tooltip per level, with the cause, and follows the level', () => {
    const tray = new LevelTray('/res', statusAt('NORMAL'), actions, 'linux');
    const fake = FakeTray.instances[0]!;
    for (const level of LEVELS) {
      tray.update(statusAt(level));
      expect(fake.image).toBe(`/res/tray-${level}.png`);
      expect(fake.tooltip).toContain(`${level}:`);
    }
    tray.update(statusAt('HALT'));
    expect(fake.tooltip).toBe(
      'Haltwatch — ■ HALT: No new positions; reduce, close and cancel only\nCause: broker breaker open',
    );
    expect(fake.title).toBeNull();
  });

  it('on macOS uses the template images and shows the level name as the title', () => {
    const tray = new LevelTray('/res', statusAt('NORMAL'), actions, 'darwin');
    const fake = FakeTray.instances[0]!;
    expect(fake.image).toBe('/res/tray-NORMALTemplate.png');
    expect(fake.title).toBe('NORMAL');
    tray.update(statusAt('SHUTDOWN'));
    expect(fake.image).toBe('/res/tray-SHUTDOWNTemplate.png');
    expect(fake.title).toBe('SHUTDOWN');
    expect(fake.handlers.click).toBeUndefined();
  });

  it('a left click opens the dashboard on Linux and Windows', () => {
    new LevelTray('/res', statusAt('NORMAL'), actions, 'win32');
    FakeTray.instances[0]!.handlers.click?.();
    expect(actions.openDashboard).toHaveBeenCalledOnce();
  });

  it('rebuilds the menu on every status, with the level, the cause and what is possible now', () => {
    const tray = new LevelTray('/res', statusAt('NORMAL'), actions, 'linux');
    const fake = FakeTray.instances[0]!;
    expect(fake.menu[0]).toMatchObject({ label: '✓ NORMAL: Trading allowed at full size', enabled: false });
    expect(fake.item(MENU_LABELS.forceRecovery).enabled).toBe(false);
    expect(fake.item(MENU_LABELS.confirmHalt).enabled).toBe(false);
    tray.update(statusAt('NORMAL', { nextStepDownAt: 5 }));
    expect(fake.menusBuilt).toBe(1);
    tray.update(statusAt('HALT', { awaitingConfirmation: true, override: overridden }));
    expect(fake.menusBuilt).toBe(2);
    expect(fake.menu.slice(0, 3).map((i) => i.label)).toEqual([
      '■ HALT: No new positions; reduce, close and cancel only',
      'Cause: broker breaker open',
      'Trading disabled by desktop app',
    ]);
    expect(fake.item(MENU_LABELS.confirmHalt).enabled).toBe(true);
    expect(fake.item(MENU_LABELS.forceRecovery).enabled).toBe(true);
    expect(() => fake.item(MENU_LABELS.overrideOn)).toThrow();
    expect(() => fake.item(MENU_LABELS.acknowledgeEmergency)).toThrow();
    expect(fake.tooltip).toContain('Trading disabled by operator override');
    tray.update(statusAt('SHUTDOWN'));
    fake.item(MENU_LABELS.acknowledgeEmergency).click?.();
    expect(actions.acknowledgeEmergency).toHaveBeenCalledOnce();
  });

  it('enables "Confirm leaving HALT" by the rule level.confirm applies, not only awaitingConfirmation', () => {
    // Only the bot's failure streak holds HALT, and every other signal was healthy for the cooldown.
    const confirm = {
      level: 'HALT' as const,
      since: 0,
      haltCooldownMs: 900_000,
      requireConfirmation: true,
      healthySince: null,
      healthyWithoutTradeSignalsSince: 1_000,
      desiredWithoutTradeSignals: 'NORMAL' as const,
    };
    const tray = new LevelTray('/res', statusAt('HALT', { confirm }), actions, 'linux');
    const fake = FakeTray.instances[0]!;
    expect(fake.item(MENU_LABELS.confirmHalt).enabled).toBe(true);
    tray.update(statusAt('HALT', { confirm: { ...confirm, healthyWithoutTradeSignalsSince: Date.now() } }));
    expect(fake.item(MENU_LABELS.confirmHalt).enabled).toBe(false);
  });

  it('menu items call their actions; run check is disabled while a check runs', () => {
    const tray = new LevelTray('/res', statusAt('HALT', { awaitingConfirmation: true }), actions, 'linux');
    const fake = FakeTray.instances[0]!;
    fake.item(MENU_LABELS.runCheck).click?.();
    fake.item(MENU_LABELS.openDashboard).click?.();
    fake.item(MENU_LABELS.openMini).click?.();
    fake.item(MENU_LABELS.overrideOn).click?.();
    fake.item(MENU_LABELS.confirmHalt).click?.();
    fake.item(MENU_LABELS.forceRecovery).click?.();
    fake.item(MENU_LABELS.quit).click?.();
    expect(actions.runCheck).toHaveBeenCalledOnce();
    expect(actions.openDashboard).toHaveBeenCalledOnce();
    expect(actions.openMini).toHaveBeenCalledOnce();
    expect(actions.setOverride).toHaveBeenCalledWith(true);
    expect(actions.confirmHalt).toHaveBeenCalledOnce();
    expect(actions.forceRecovery).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
    tray.update(statusAt('HALT', { override: overridden }));
    fake.item(MENU_LABELS.overrideOff).click?.();
    expect(actions.setOverride).toHaveBeenLastCalledWith(false);
    tray.update(statusAt('ALERT', { checkRunning: true }));
    expect(fake.item(MENU_LABELS.checking).enabled).toBe(false);
  });

  it('destroys its icon', () => {
    new LevelTray('/res', statusAt('NORMAL'), actions, 'linux').destroy();
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
  });
});
