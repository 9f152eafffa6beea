import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useCheckProgress } from './check-progress.ts';
import { useTransport } from './transport-context.tsx';

export const STATUS_KEY = ['status'] as const;

export function useStatus() {
  const transport = useTransport();
  return useQuery({ queryKey: STATUS_KEY, queryFn: () => transport.call('status.get') });
}

/** Feeds the engine's events into the query cache and the progress store. */
export function useEngineEvents(): void {
  const transport = useTransport();
  const client = useQueryClient();
  useEffect(() => {
    const progress = useCheckProgress.getState();
    const offs = [
      transport.on('status', (status) => client.setQueryData(STATUS_KEY, status)),
      transport.on('check.started', ({ id, services }) => progress.started(id, services)),
      transport.on('check.result', (result) => progress.result(result.checkId, result)),
      transport.on('check.finished', (run) => progress.finished(run.id)),
    ];
    return () => offs.forEach((off) => off());
  }, [transport, client]);
}
