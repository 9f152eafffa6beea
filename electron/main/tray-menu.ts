import type { MenuItemConstructorOptions } from 'electron';
import { formatSignalCause } from '../../shared/cause-text.ts';
import { confirmVerdict } from '../../shared/confirm-rule.ts';
import { LEVEL_GLYPH, LEVEL_MEANING } from '../../shared/format.ts';
import type { EngineStatus } from '../../shared/status.ts';
import { noticesSubmenu, type NoticeMenuActions, type NoticeMenuEntry } from './tray-notices.ts';

/** What the tray menu can do. The level actions ask for confirmation before they call the contract. */
export interface TrayMenuActions extends NoticeMenuActions {
  runCheck(): void;
  openDashboard(): void;
  /** The small always-on-top window with the level and the worst service. */
  openMini(): void;
  /** `true`: disable trading whatever the level; `false`: lift that override. */
  setOverride(enabled: boolean): void;
  confirmHalt(): void;
  forceRecovery(): void;
  /** Stops the repeating EMERGENCY notice (the level stays). */
  acknowledgeEmergency(): void;
  quit(): void;
}

export const MENU_LABELS = {
  runCheck: 'Run check now',
  checking: 'Checking…',
  openDashboard: 'Open dashboard',
  openMini: 'Open the mini view (always on top)',
  overrideOn: 'Disable trading (override)…',
  overrideOff: 'Lift the trading override…',
  confirmHalt: 'Confirm leaving HALT…',
  forceRecovery: 'Force recovery to NORMAL…',
  acknowledgeEmergency: 'Acknowledge the EMERGENCY notice…',
  quit: 'Quit Haltwatch',
} as const;

/** The tray's context menu for one status: rebuilt whenever the status changes. */
export function trayMenuTemplate(
  status: EngineStatus,
  actions: TrayMenuActions,
  now = Date.now(),
  notices: readonly NoticeMenuEntry[] = [],
): MenuItemConstructorOptions[] {
  const cause = formatSignalCause(status.cause, 'level');
  const overridden = status.override?.enabled === true;
  const info: MenuItemConstructorOptions[] = [
    { label: `${LEVEL_GLYPH[status.level]} ${status.level}: ${LEVEL_MEANING[status.level]}`, enabled: false },
  ];
  if (cause) info.push({ label: `Cause: ${cause}`, enabled: false });
  if (overridden) info.push({ label: `Trading disabled by ${status.override?.actor}`, enabled: false });
  return [
    ...info,
    { type: 'separator' },
    {
      label: status.checkRunning ? MENU_LABELS.checking : MENU_LABELS.runCheck,
      enabled: !status.checkRunning,
      click: () => actions.runCheck(),
    },
    { label: MENU_LABELS.openDashboard, click: () => actions.openDashboard() },
    { label: MENU_LABELS.openMini, click: () => actions.openMini() },
    { type: 'separator' },
    overridden
      ? { label: MENU_LABELS.overrideOff, click: () => actions.setOverride(false) }
      : { label: MENU_LABELS.overrideOn, click: () => actions.setOverride(true) },
    {
      label: MENU_LABELS.confirmHalt,
      // The rule level.confirm applies: enabled exactly when confirming would succeed.
      enabled: status.awaitingConfirmation || confirmVerdict(status.confirm, now).ok,
      click: () => actions.confirmHalt(),
    },
    {
      label: MENU_LABELS.forceRecovery,
      enabled: status.level !== 'NORMAL',
      click: () => actions.forceRecovery(),
    },
    // Only SHUTDOWN's notice repeats until acknowledged.
    ...(status.level === 'SHUTDOWN'
      ? [{ label: MENU_LABELS.acknowledgeEmergency, click: () => actions.acknowledgeEmergency() }]
      : []),
    noticesSubmenu(notices, actions, now),
    { type: 'separator' },
    { label: MENU_LABELS.quit, click: () => actions.quit() },
  ];
}
