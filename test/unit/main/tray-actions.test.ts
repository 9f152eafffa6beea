import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../shared/contract.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import {
  createTrayActions,
  TRAY_ACTOR,
  type Confirmation,
  type TrayActionDeps,
} from '../../../electron/main/tray-actions.ts';
import { dialogConfirm } from '../../../electron/main/confirm-dialog.ts';
import { UserError } from '../../../shared/errors.ts';

/** Handlers the tray can reach, recording what the contract passed them. */
const handlers = {
  'check.run': vi.fn(() => ({ id: 1 })),
  'level.override': vi.fn(() => ({})),
  'level.confirm': vi.fn(() => ({})),
  'level.recover': vi.fn(() => ({})),
  'notifications.list': vi.fn(() => page),
  'notifications.acknowledge': vi.fn(() => ({})),
};

const emergency = { id: 7, priority: 'EMERGENCY', title: 'Haltwatch: ✕ SHUTDOWN', acknowledged: null };
let page: { notices: unknown[]; unread: number; snoozes: unknown[] };

let answer: Confirmation;
let deps: TrayActionDeps & { confirm: ReturnType<typeof vi.fn> };

beforeEach(() => {
  vi.clearAllMocks();
  answer = 'confirm';
  page = { notices: [emergency], unread: 1, snoozes: [] };
  deps = {
    dispatch: createDispatcher(handlers as unknown as Handlers, () => {}),
    confirm: vi.fn(async () => answer),
    openDashboard: vi.fn(),
    openMini: vi.fn(),
    quit: vi.fn(),
    showFailure: vi.fn(),
    log: vi.fn(),
  };
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tray actions', () => {
  it('acknowledge the repeating EMERGENCY notice after asking, as the tray', async () => {
    createTrayActions(deps).acknowledgeEmergency();
    await settle();
    expect(deps.confirm.mock.calls[0]?.[0]).toMatchObject({
      message: 'Stop repeating "Haltwatch: ✕ SHUTDOWN"? The level stays as it is.',
    });
    expect(handlers['notifications.acknowledge']).toHaveBeenCalledWith(
      { id: 7, reason: 'acknowledged from the tray menu' },
      { actor: 'tray', commandsAndSecrets: true },
    );
  });

  it('say so when no EMERGENCY waits, and acknowledge nothing', async () => {
    page = {
      notices: [{ ...emergency, acknowledged: { at: 1, actor: 'x', reason: 'y' } }],
      unread: 0,
      snoozes: [],
    };
    createTrayActions(deps).acknowledgeEmergency();
    await settle();
    expect(deps.showFailure).toHaveBeenCalledWith(
      'Nothing to acknowledge',
      'No EMERGENCY notice is waiting for an acknowledgement.',
    );
    expect(deps.confirm).not.toHaveBeenCalled();
    expect(handlers['notifications.acknowledge']).not.toHaveBeenCalled();
  });

  it('run a check through the contract as the tray', async () => {
    createTrayActions(deps).runCheck();
    await settle();
    expect(handlers['check.run']).toHaveBeenCalledWith({}, { actor: TRAY_ACTOR, commandsAndSecrets: true });
  });

  it('confirmed level actions call the contract with a reason that passes its schema', async () => {
    const actions = createTrayActions(deps);
    actions.setOverride(true);
    actions.setOverride(false);
    actions.confirmHalt();
    actions.forceRecovery();
    await settle();
    expect(handlers['level.override'].mock.calls).toEqual([
      [
        { enabled: true, reason: 'trading disabled from the tray menu' },
        { actor: 'tray', commandsAndSecrets: true },
      ],
      [
        { enabled: false, reason: 'trading override lifted from the tray menu' },
        { actor: 'tray', commandsAndSecrets: true },
      ],
    ]);
    expect(handlers['level.confirm']).toHaveBeenCalledWith(
      { reason: 'leaving HALT confirmed from the tray menu' },
      { actor: 'tray', commandsAndSecrets: true },
    );
    expect(handlers['level.recover']).toHaveBeenCalledWith(
      { reason: 'recovery to NORMAL forced from the tray menu' },
      { actor: 'tray', commandsAndSecrets: true },
    );
    expect(deps.confirm).toHaveBeenCalledTimes(4);
    expect(deps.confirm.mock.calls[3]?.[0]).toMatchObject({
      title: 'Force recovery',
      confirmLabel: 'Force recovery',
      detail: expect.stringContaining('"recovery to NORMAL forced from the tray menu"'),
    });
    expect(deps.showFailure).not.toHaveBeenCalled();
  });

  it('do nothing when cancelled, and open the dashboard controls when the operator wants to give a reason', async () => {
    const actions = createTrayActions(deps);
    answer = 'cancel';
    actions.forceRecovery();
    await settle();
    answer = 'dashboard';
    actions.confirmHalt();
    await settle();
    expect(handlers['level.recover']).not.toHaveBeenCalled();
    expect(handlers['level.confirm']).not.toHaveBeenCalled();
    expect(deps.openDashboard).toHaveBeenCalledWith('#/controls');
  });

  it('show the engine refusing, instead of swallowing it', async () => {
    handlers['level.confirm'].mockImplementationOnce(() => {
      throw new UserError('HALT is not waiting for confirmation');
    });
    createTrayActions(deps).confirmHalt();
    await settle();
    expect(deps.showFailure).toHaveBeenCalledWith(
      'Confirm leaving HALT failed',
      'HALT is not waiting for confirmation',
    );
  });

  it('log a confirmation dialog that breaks', async () => {
    deps.confirm.mockRejectedValueOnce(new Error('no display'));
    createTrayActions(deps).forceRecovery();
    await settle();
    expect(deps.log).toHaveBeenCalledWith('haltwatch: tray action failed: no display');
    expect(handlers['level.recover']).not.toHaveBeenCalled();
  });

  it('open the dashboard and quit', () => {
    const actions = createTrayActions(deps);
    actions.openDashboard();
    actions.quit();
    expect(deps.openDashboard).toHaveBeenCalledWith();
    expect(deps.quit).toHaveBeenCalledOnce();
  });
});

describe('the confirmation dialog', () => {
  it('offers the action, the dashboard and Cancel, with Cancel the default', async () => {
    const showMessageBox = vi.fn(async () => ({ response: 0, checkboxChecked: false }));
    const confirm = dialogConfirm({ showMessageBox } as never);
    const question = {
      title: 'Force recovery',
      message: 'Sure?',
      detail: 'd',
      confirmLabel: 'Force recovery',
    };
    await expect(confirm(question)).resolves.toBe('confirm');
    expect(showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        buttons: ['Force recovery', 'Give a reason in the dashboard…', 'Cancel'],
        defaultId: 2,
        cancelId: 2,
      }),
    );
    showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(confirm(question)).resolves.toBe('dashboard');
    showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
    await expect(confirm(question)).resolves.toBe('cancel');
    showMessageBox.mockResolvedValueOnce({ response: 7, checkboxChecked: false });
    await expect(confirm(question)).resolves.toBe('cancel');
  });
});
