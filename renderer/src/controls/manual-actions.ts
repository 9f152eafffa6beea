import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/contract.ts';
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

function useAfterAction() {
  const client = useQueryClient();
  return async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    await Promise.all(AFFECTED.map((m) => client.invalidateQueries({ queryKey: [m] })));
    // The audit log is a history query: any of its inputs may now be stale.
    await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('history.') });
    return value;
  };
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
      run: (reason) => after(transport.call('level.override', { enabled: true, reason })),
    },
    overrideOff: {
      title: 'Turn the manual override off',
      description: 'The level goes back to what the signals call for.',
      confirmLabel: 'Turn override off',
      run: (reason) => after(transport.call('level.override', { enabled: false, reason })),
    },
    recover: {
      title: 'Force recovery to NORMAL',
      description:
        'The level returns to NORMAL now, without waiting for the cooldowns. A signal still present (an open breaker, a slow service) raises it again at once.',
      confirmLabel: 'Force recovery',
      danger: true,
      run: (reason) => after(transport.call('level.recover', { reason })),
    },
    confirm: {
      title: 'Confirm leaving HALT',
      description: "HALT's cooldown is over; the level steps down once you confirm.",
      confirmLabel: 'Confirm leaving HALT',
      run: (reason) => after(transport.call('level.confirm', { reason })),
    },
    kill: {
      title: 'Shut trading down',
      description: 'The level goes to SHUTDOWN: nothing but cancels, until an operator recovers.',
      confirmLabel: 'Shut down',
      danger: true,
      run: (reason) => after(transport.call('level.kill', { reason })),
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
    run: (reason) => after(transport.call('breaker.resetAll', { reason })),
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
      run: (reason) => after(transport.call('breaker.isolate', { service, reason })),
    },
    reset: {
      title: `Reset the breaker of ${service}`,
      description: `The breaker of ${service} closes now and counts failures from zero.`,
      confirmLabel: 'Reset breaker',
      run: (reason) => after(transport.call('breaker.reset', { service, reason })),
    },
  } satisfies Record<string, ManualAction>;
}
