import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/contract.ts';
import type { LevelStatus } from '../../../shared/gate.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { STATUS_KEY } from '../live.ts';
import {
  beforeOf,
  breakerText,
  levelActionText,
  overrideText,
  resetAllText,
  type Before,
  type ToastText,
} from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';
import { useTransport } from '../transport-context.tsx';

/** A manual action behind a reason dialog; its reason goes to the audit log with the actor. */
export interface ManualAction {
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  run(reason: string): Promise<unknown>;
}

/** Queries that show the consequences of a manual action. */
const AFFECTED: readonly MethodName[] = ['status.get', 'issues.recent'];

/**
 * Runs an action, refreshes what shows its consequences, then says in a toast what changed, from
 * the status the trader saw before (the board's live status) and the one the action returned.
 */
function useAfterAction() {
  const client = useQueryClient();
  return async <T>(
    call: () => Promise<T>,
    describe: (before: EngineStatus | undefined, result: T) => ToastText,
  ): Promise<T> => {
    const before = client.getQueryData<EngineStatus>(STATUS_KEY);
    const value = await call();
    await Promise.all(AFFECTED.map((m) => client.invalidateQueries({ queryKey: [m] })));
    // The audit log is a history query: any of its inputs may now be stale.
    await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('history.') });
    const text = describe(before, value);
    toast(text.tone, text.title, text.detail);
    return value;
  };
}

/** Before an action whose result is the level: what the board showed, or the result itself if nothing was shown yet. */
function seen(before: EngineStatus | undefined, after: LevelStatus): Before {
  return before ? beforeOf(before) : { level: after.level, overrideOn: after.override?.enabled === true };
}

export function useLevelActions() {
  const transport = useTransport();
  const after = useAfterAction();
  return {
    overrideOn: {
      title: 'Turn the manual override on',
      description: 'Trading stays disabled, whatever the signals say, until you turn the override off.',
      confirmLabel: 'Disable trading',
      danger: true,
      run: (reason) =>
        after(
          () => transport.call('level.override', { enabled: true, reason }),
          (before, status) => overrideText(true, seen(before, status), status),
        ),
    },
    overrideOff: {
      title: 'Turn the manual override off',
      description: 'The level goes back to what the signals call for.',
      confirmLabel: 'Turn override off',
      run: (reason) =>
        after(
          () => transport.call('level.override', { enabled: false, reason }),
          (before, status) => overrideText(false, seen(before, status), status),
        ),
    },
    recover: {
      title: 'Force recovery to NORMAL',
      description:
        'The level returns to NORMAL now, without waiting for the cooldowns. A signal still present (an open breaker, a slow service) raises it again at once.',
      confirmLabel: 'Force recovery',
      danger: true,
      run: (reason) =>
        after(
          () => transport.call('level.recover', { reason }),
          (before, status) => levelActionText('recover', seen(before, status), status),
        ),
    },
    confirm: {
      title: 'Confirm leaving HALT',
      description: "HALT's cooldown is over; the level steps down once you confirm.",
      confirmLabel: 'Confirm leaving HALT',
      run: (reason) =>
        after(
          () => transport.call('level.confirm', { reason }),
          (before, status) => levelActionText('confirm', seen(before, status), status),
        ),
    },
    kill: {
      title: 'Shut trading down',
      description: 'The level goes to SHUTDOWN: nothing but cancels, until an operator recovers.',
      confirmLabel: 'Shut down',
      danger: true,
      run: (reason) =>
        after(
          () => transport.call('level.kill', { reason }),
          (before, status) => levelActionText('kill', seen(before, status), status),
        ),
    },
  } satisfies Record<string, ManualAction>;
}

export function useResetAllBreakers(): ManualAction {
  const transport = useTransport();
  const after = useAfterAction();
  return {
    title: 'Reset every breaker',
    description:
      'Every breaker closes now and counts failures from zero (after a network outage, say). A service still failing is found again at its next probe.',
    confirmLabel: 'Reset all breakers',
    run: (reason) => after(() => transport.call('breaker.resetAll', { reason }), resetAllText),
  };
}

export function useBreakerActions(service: string) {
  const transport = useTransport();
  const after = useAfterAction();
  return {
    isolate: {
      title: `Take ${service} offline`,
      description: `${service} counts as down (its breaker is forced open and moves the level) until you reset it. For planned work, give it a maintenance window in its settings instead.`,
      confirmLabel: 'Take offline',
      danger: true,
      run: (reason) =>
        after(
          () => transport.call('breaker.isolate', { service, reason }),
          (before, status) => breakerText('isolate', service, before, status),
        ),
    },
    reset: {
      title: `Reset the breaker of ${service}`,
      description: `The breaker of ${service} closes now and counts failures from zero.`,
      confirmLabel: 'Reset breaker',
      run: (reason) =>
        after(
          () => transport.call('breaker.reset', { service, reason }),
          (before, status) => breakerText('reset', service, before, status),
        ),
    },
  } satisfies Record<string, ManualAction>;
}
