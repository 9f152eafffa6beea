import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NoticeView, NotificationsPage } from '../../../shared/notify-channels.ts';
import { callKey, useAction } from '../app/queries.ts';
import { useTransport } from '../transport-context.tsx';
import { ReasonDialog } from '../ui/ReasonDialog.tsx';
import { toast } from '../toasts/toast-store.ts';

const selectRepeating = (page: NotificationsPage): NoticeView | null => {
  const newest = page.notices[0];
  return newest?.priority === 'EMERGENCY' && !newest.acknowledged ? newest : null;
};

/** The newest notice when it is an unacknowledged EMERGENCY (it repeats): acknowledge it from the board. */
export function RepeatingNotice() {
  const transport = useTransport();
  const notice = useQuery({
    queryKey: callKey('notifications.list', { limit: 1 }),
    queryFn: () => transport.call('notifications.list', { limit: 1 }),
    select: selectRepeating,
  }).data;
  const acknowledge = useAction('notifications.acknowledge', ['notifications.list']);
  const [asking, setAsking] = useState(false);
  if (!notice) return null;
  return (
    <section className="problems" role="alert" data-testid="repeating-notice">
      <p>
        <strong>{notice.title}</strong> is sent again every few minutes until you acknowledge it.
        Acknowledging keeps the level as it is.{' '}
        <button type="button" onClick={() => setAsking(true)} data-testid="repeating-ack">
          Acknowledge
        </button>
      </p>
      {asking ? (
        <ReasonDialog
          title="Acknowledge the EMERGENCY notice"
          description={`"${notice.title}" stops repeating. The level stays as it is.`}
          confirmLabel="Acknowledge"
          onConfirm={async (reason) => {
            const acknowledged = await acknowledge.mutateAsync({ id: notice.id, reason });
            toast(
              'done',
              `Acknowledged: ${acknowledged.title}`,
              'It stops repeating; the level is not changed.',
            );
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </section>
  );
}
