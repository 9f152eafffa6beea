import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { NotificationsPage } from '../../../shared/notify-channels.ts';
import { callKey } from '../app/queries.ts';
import { useTransport } from '../transport-context.tsx';
import { formatDateTime } from '../ui/time.ts';

/** "Notices snoozed" on a service's card while its notices are snoozed (the sidebar's query, shared). */
export function SnoozeBadge({ service }: { service: string }) {
  const transport = useTransport();
  const select = useCallback(
    (page: NotificationsPage) => page.snoozes.find((s) => s.service === service)?.until ?? null,
    [service],
  );
  const until = useQuery({
    queryKey: callKey('notifications.list', { limit: 1 }),
    queryFn: () => transport.call('notifications.list', { limit: 1 }),
    select,
  }).data;
  if (until === null || until === undefined) return null;
  return (
    <a className="badge snoozed" href="#/notifications" data-testid="snooze-badge">
      notices snoozed until {formatDateTime(until)}
    </a>
  );
}
