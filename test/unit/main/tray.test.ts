import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeTray } from './electron-mock.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

vi.mock('electron', () => electronMock());
const { LevelTray } = await import('../../../electron/main/tray.ts');

const actions = { runCheck: vi.fn(), openDashboard: vi.fn(), quit: vi.fn() };

beforeEach(() => {
  FakeTray.instances = [];
  vi.clearAllMocks();
});

describe('the tray', () => {
  it('shows the image and tooltip of the level and follows it', () => {
    const tray = new LevelTray('/res', statusAt('NORMAL'), actions);
    const fake = FakeTray.instances[0]!;
    expect(fake.image).toBe('/res/tray-NORMAL.png');
    expect(fake.tooltip).toContain('NORMAL');
    tray.update(statusAt('HALT'));
    expect(fake.image).toBe('/res/tray-HALT.png');
    expect(fake.tooltip).toContain('HALT');
    expect(fake.tooltip).toContain('broker: breaker OPEN');
  });

  it('menu items call the actions; run check is disabled while a check runs', () => {
    const tray = new LevelTray('/res', statusAt('ALERT'), actions);
    const fake = FakeTray.instances[0]!;
    fake.menu.find((i) => i.label === 'Run check now')?.click?.();
    expect(actions.runCheck).toHaveBeenCalledOnce();
    fake.menu.find((i) => i.label === 'Open dashboard')?.click?.();
    expect(actions.openDashboard).toHaveBeenCalledOnce();
    tray.update(statusAt('ALERT', { checkRunning: true }));
    expect(fake.menu.find((i) => i.label === 'Checking…')?.enabled).toBe(false);
    fake.menu.find((i) => i.label === 'Quit Haltwatch')?.click?.();
    expect(actions.quit).toHaveBeenCalledOnce();
  });
});
