import { ACTORS } from '../../shared/audit.ts';
import type { CallContext, MethodName } from '../../shared/contract.ts';
import type { NotificationsPage, SnoozeDuration } from '../../shared/notify-channels.ts';
import type { Dispatch } from '../core/dispatcher.ts';
import type { DashboardTarget } from '../core/notify/notice.ts';
import type { TrayMenuActions } from './tray-menu.ts';
import { errorMessage } from '../../shared/errors.ts';

/** Who the audit log names for what is done from the tray menu. */
export const TRAY_ACTOR = ACTORS.tray;
/** How the tray calls the contract: the operator at this machine. */
export const TRAY: CallContext = { actor: TRAY_ACTOR, commandsAndSecrets: true };

export type Confirmation = 'confirm' | 'dashboard' | 'cancel';

export interface ActionQuestion {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface TrayActionDeps {
  dispatch: Dispatch;
  /** Asks before a level action: go ahead, give a reason in the dashboard instead, or cancel. */
  confirm(question: ActionQuestion): Promise<Confirmation>;
  openDashboard(target?: DashboardTarget): void;
  /** The always-on-top mini view (level and worst service). */
  openMini(): void;
  quit(): void;
  showFailure(title: string, message: string): void;
  log: (message: string) => void;
}

interface LevelAction {
  method: Extract<MethodName, 'level.override' | 'level.confirm' | 'level.recover'>;
  input: Record<string, unknown>;
  question: Omit<ActionQuestion, 'detail'>;
}

const CONTROLS: DashboardTarget = '#/controls';
const SNOOZE_WORDS: Record<SnoozeDuration, string> = {
  '1h': 'for 1 h',
  '4h': 'for 4 h',
  session: 'until the next session',
};
const NOTIFICATIONS: DashboardTarget = '#/notifications';

/** The reason recorded in the audit log; the dashboard lets the operator type their own. */
function reasonFor(action: string): string {
  return `${action} from the tray menu`;
}

const ACTIONS = {
  overrideOn: {
    method: 'level.override',
    input: { enabled: true, reason: reasonFor('trading disabled') },
    question: {
      title: 'Disable trading',
      message: 'Disable trading whatever the level says?',
      confirmLabel: 'Disable trading',
    },
  },
  overrideOff: {
    method: 'level.override',
    input: { enabled: false, reason: reasonFor('trading override lifted') },
    question: {
      title: 'Lift the override',
      message: 'Lift the trading override? Trading then follows the level again.',
      confirmLabel: 'Lift the override',
    },
  },
  confirmHalt: {
    method: 'level.confirm',
    input: { reason: reasonFor('leaving HALT confirmed') },
    question: {
      title: 'Confirm leaving HALT',
      message: 'Leave HALT? New positions become possible again as the level steps down.',
      confirmLabel: 'Leave HALT',
    },
  },
  forceRecovery: {
    method: 'level.recover',
    input: { reason: reasonFor('recovery to NORMAL forced') },
    question: {
      title: 'Force recovery',
      message: 'Force the level back to NORMAL now, whatever the cooldowns? Full-size trading resumes.',
      confirmLabel: 'Force recovery',
    },
  },
} satisfies Record<string, LevelAction>;

/**
 * The tray menu's actions. They call the contract through the same dispatcher as the dashboard,
 * as actor "tray"; every level action is confirmed first, and its failure is shown, not swallowed.
 */
export function createTrayActions(deps: TrayActionDeps): TrayMenuActions {
  const call = async (method: MethodName, input: unknown, failureTitle: string) => {
    const outcome = await deps.dispatch(method, input, TRAY);
    if (!outcome.ok) deps.showFailure(failureTitle, outcome.error.message);
  };
  const levelAction = async (action: LevelAction) => {
    const answer = await deps.confirm({
      ...action.question,
      detail: `The audit log records this as done from the tray, with the reason "${String(action.input.reason)}". To give your own reason, use the dashboard's controls.`,
    });
    if (answer === 'dashboard') deps.openDashboard(CONTROLS);
    if (answer !== 'confirm') return;
    await call(action.method, action.input, `${action.question.title} failed`);
  };
  const run = (task: () => Promise<void>) => {
    task().catch((error: unknown) => deps.log(`haltwatch: tray action failed: ${errorMessage(error)}`));
  };
  const acknowledgeEmergency = async () => {
    const listed = await deps.dispatch('notifications.list', { limit: 1 }, TRAY);
    const newest = listed.ok ? (listed.result as NotificationsPage).notices[0] : undefined;
    if (newest?.priority !== 'EMERGENCY' || newest.acknowledged) {
      deps.showFailure('Nothing to acknowledge', 'No EMERGENCY notice is waiting for an acknowledgement.');
      return;
    }
    const answer = await deps.confirm({
      title: 'Acknowledge the EMERGENCY notice',
      message: `Stop repeating "${newest.title}"? The level stays as it is.`,
      detail: `The audit log records this as done from the tray, with the reason "${reasonFor('acknowledged')}".`,
      confirmLabel: 'Acknowledge',
    });
    if (answer === 'dashboard') deps.openDashboard(NOTIFICATIONS);
    if (answer !== 'confirm') return;
    await call(
      'notifications.acknowledge',
      { id: newest.id, reason: reasonFor('acknowledged') },
      'Acknowledging failed',
    );
  };
  return {
    acknowledgeEmergency: () => run(acknowledgeEmergency),
    // Acknowledge and snooze only change who is told, never the level or the gate: no question first.
    acknowledgeNotice: (id, title) =>
      run(() =>
        call(
          'notifications.acknowledge',
          { id, reason: reasonFor('acknowledged') },
          `Acknowledging "${title}" failed`,
        ),
      ),
    snoozeService: (service, duration) =>
      run(() =>
        call(
          'notifications.snooze',
          { service, duration, reason: reasonFor(`notices snoozed ${SNOOZE_WORDS[duration]}`) },
          `Snoozing the notices of ${service} failed`,
        ),
      ),
    runCheck: () => run(() => call('check.run', {}, 'The check could not run')),
    openDashboard: () => deps.openDashboard(),
    openMini: () => deps.openMini(),
    setOverride: (enabled) => run(() => levelAction(enabled ? ACTIONS.overrideOn : ACTIONS.overrideOff)),
    confirmHalt: () => run(() => levelAction(ACTIONS.confirmHalt)),
    forceRecovery: () => run(() => levelAction(ACTIONS.forceRecovery)),
    quit: () => deps.quit(),
  };
}
