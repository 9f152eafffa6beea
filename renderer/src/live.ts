import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineStatus } from '../../shared/status.ts';
import { callKey } from './app/queries.ts';
import { useCheckProgress } from './check-progress.ts';
import { useTransport } from './transport-context.tsx';

export const STATUS_KEY = callKey('status.get');

/**
 * The engine status, or a part of it. Query results are structurally shared, so a component that
 * selects a part re-renders only when that part changed.
 */
export function useStatus<T = EngineStatus>(select?: (status: EngineStatus) => T) {
  const transport = useTransport();
  return useQuery({ queryKey: STATUS_KEY, queryFn: () => transport.call('status.get'), select });
}

/** Feeds the engine's events into the query cache and the progress store. */
export function useEngineEvents(): void {
  const transport = useTransport();
  const client = useQueryClient();
  useEffect(() => {
    const progress = useCheckProgress.getState();
    const refreshHistory = () =>
      client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('history.') });
    const offs = [
      transport.on('status', (status) => client.setQueryData(STATUS_KEY, status)),
      transport.on('check.started', ({ id, services }) => progress.started(id, services)),
      transport.on('check.result', (result) => progress.result(result.checkId, result)),
      transport.on('check.finished', (run) => {
        progress.finished(run.id);
        void refreshHistory();
        void client.invalidateQueries({ queryKey: ['schedule.upcoming'] });
      }),
      transport.on('schedule.missed', () => void refreshHistory()),
      transport.on('notifications.changed', () => {
        void client.invalidateQueries({ queryKey: ['notifications.list'] });
        void refreshHistory();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [transport, client]);
}
