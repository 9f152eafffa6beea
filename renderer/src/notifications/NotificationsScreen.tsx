import { useEffect, useState } from 'react';
import type { NoticeView, SnoozeDuration, SnoozeView } from '../../../shared/notify-channels.ts';
import { useAction, useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { ReasonDialog } from '../ui/ReasonDialog.tsx';
import { formatDateTime } from '../ui/time.ts';
import { toast } from '../toasts/toast-store.ts';

const PAGE = 200;
const SNOOZE_LABEL: Record<SnoozeDuration, string> = {
  '1h': '1 h',
  '4h': '4 h',
  session: 'until the next session',
};

type Pending =
  | { kind: 'ack'; notice: NoticeView }
  | { kind: 'snooze'; service: string; duration: SnoozeDuration }
  | { kind: 'unsnooze'; service: string };

/**
 * The notification center: every notice with its priority and each channel's delivery, newest
 * first. Opening it marks what it shows as read. Acknowledging stops an EMERGENCY repeating;
 * snoozing silences a service's notices for a while. Neither changes the level or the gate.
 */
export function NotificationsScreen() {
  const page = useCall('notifications.list', { limit: PAGE });
  const markRead = useAction('notifications.markRead', ['notifications.list']);
  const acknowledge = useAction('notifications.acknowledge', ['notifications.list']);
  const snooze = useAction('notifications.snooze', ['notifications.list']);
  const unsnooze = useAction('notifications.unsnooze', ['notifications.list']);
  const [pending, setPending] = useState<Pending | null>(null);
  const newest = page.data?.notices[0]?.id;
  const unread = page.data?.unread ?? 0;
  const { mutate: mark } = markRead;

  useEffect(() => {
    if (newest !== undefined && unread > 0) mark({ upTo: newest });
  }, [newest, unread, mark]);

  return (
    <div className="screen" data-testid="screen-notifications">
      <h1>Notifications</h1>
      <p className="muted">
        What Haltwatch told you, and on which channels it arrived. Acknowledging or snoozing never changes the
        trading level.
      </p>
      <QueryView query={page} what="the notifications">
        {(data) => (
          <>
            <Snoozes snoozes={data.snoozes} onLift={(service) => setPending({ kind: 'unsnooze', service })} />
            {data.notices.length === 0 ? (
              <p className="muted" data-testid="no-notices">
                No notices yet.
              </p>
            ) : (
              <ul className="notice-list" data-testid="notice-list">
                {data.notices.map((notice) => (
                  <NoticeItem
                    key={notice.id}
                    notice={notice}
                    snoozed={data.snoozes.some((s) => s.service === notice.service)}
                    onAck={() => setPending({ kind: 'ack', notice })}
                    onSnooze={(service, duration) => setPending({ kind: 'snooze', service, duration })}
                  />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
      {pending?.kind === 'ack' ? (
        <ReasonDialog
          title="Acknowledge this notice"
          description={`"${pending.notice.title}" stops repeating. The level stays as it is.`}
          confirmLabel="Acknowledge"
          onConfirm={async (reason) => {
            const notice = await acknowledge.mutateAsync({ id: pending.notice.id, reason });
            toast('done', `Acknowledged: ${notice.title}`, 'It stops repeating; the level is not changed.');
          }}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'snooze' ? (
        <ReasonDialog
          title={`Snooze ${pending.service} for ${SNOOZE_LABEL[pending.duration]}`}
          description={`Notices about ${pending.service} are kept here but not sent anywhere until then (EMERGENCY ones still are). The gate is not changed.`}
          confirmLabel="Snooze"
          onConfirm={async (reason) => {
            const view = await snooze.mutateAsync({
              service: pending.service,
              duration: pending.duration,
              reason,
            });
            toast(
              'done',
              `${view.service} snoozed until ${formatDateTime(view.until)}`,
              'Its notices are kept here but not sent (EMERGENCY ones still are); the gate is not changed.',
            );
          }}
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'unsnooze' ? (
        <ReasonDialog
          title={`Lift the snooze of ${pending.service}`}
          description={`Notices about ${pending.service} are sent again from now on.`}
          confirmLabel="Lift the snooze"
          onConfirm={async (reason) => {
            const { service } = await unsnooze.mutateAsync({ service: pending.service, reason });
            toast('done', `Snooze of ${service} lifted`, 'Its notices are sent again from now on.');
          }}
          onClose={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}

function Snoozes({ snoozes, onLift }: { snoozes: SnoozeView[]; onLift: (service: string) => void }) {
  if (snoozes.length === 0) return null;
  return (
    <section className="panel" data-testid="snoozes">
      <h2>Snoozed</h2>
      <ul>
        {snoozes.map((s) => (
          <li key={s.service}>
            <span className="badge snoozed">snoozed</span> <strong>{s.service}</strong> until{' '}
            {formatDateTime(s.until)} — {s.reason} ({s.actor}){' '}
            <button type="button" className="secondary" onClick={() => onLift(s.service)}>
              Lift
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoticeItem({
  notice,
  snoozed,
  onAck,
  onSnooze,
}: {
  notice: NoticeView;
  snoozed: boolean;
  onAck: () => void;
  onSnooze: (service: string, duration: SnoozeDuration) => void;
}) {
  return (
    <li className={`panel notice priority-${notice.priority}`} data-testid={`notice-${notice.id}`}>
      <header>
        <span className={`badge priority priority-${notice.priority}`} data-testid="notice-priority">
          {notice.priority}
        </span>{' '}
        <strong>{notice.title}</strong> <span className="muted small">{formatDateTime(notice.at)}</span>
        {notice.read ? null : <span className="badge">new</span>}
        {notice.snoozed ? <span className="badge snoozed">snoozed</span> : null}
        {notice.repeats > 0 ? <span className="badge">repeated {notice.repeats}×</span> : null}
      </header>
      <p className="notice-body">{notice.body}</p>
      {notice.deliveries.length > 0 ? (
        <ul className="deliveries" aria-label="Delivery">
          {notice.deliveries.map((d, i) => (
            <li key={`${d.channel}-${i}`} data-testid={`delivery-${d.channel}`}>
              <span className={`badge delivery-${d.state}`}>{d.state}</span> {d.channel}
              <span className="muted small">
                {' '}
                {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                {d.sentAt ? `, sent ${formatDateTime(d.sentAt)}` : ''}
                {d.nextAttemptAt ? `, next try ${formatDateTime(d.nextAttemptAt)}` : ''}
                {d.answer ? ` — ${d.answer}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">
          {notice.snoozed ? 'Snoozed: sent nowhere.' : 'No channel takes this priority.'}
        </p>
      )}
      <div className="toolbar">
        {notice.acknowledged ? (
          <span className="muted small" data-testid="acknowledged">
            Acknowledged by {notice.acknowledged.actor} at {formatDateTime(notice.acknowledged.at)}:{' '}
            {notice.acknowledged.reason}
          </span>
        ) : (
          <button type="button" className="secondary" onClick={onAck} data-testid="notice-ack">
            Acknowledge
          </button>
        )}
        {notice.service && !snoozed
          ? (['1h', '4h', 'session'] as const).map((duration) => (
              <button
                key={duration}
                type="button"
                className="secondary"
                onClick={() => onSnooze(notice.service ?? '', duration)}
                data-testid={`notice-snooze-${duration}`}
              >
                Snooze {notice.service} {SNOOZE_LABEL[duration]}
              </button>
            ))
          : null}
      </div>
    </li>
  );
}
