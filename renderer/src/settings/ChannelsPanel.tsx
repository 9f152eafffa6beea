import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CHANNEL_KINDS,
  channelSchema,
  PRIORITIES,
  type ChannelConfig,
  type ChannelKind,
  type ChannelTestResult,
} from '../../../shared/notify-channels.ts';
import type { AppSettings } from '../../../shared/settings.ts';
import { SecretRefInput } from '../services/SecretRefInput.tsx';
import { useTransport } from '../transport-context.tsx';
import { Checkbox } from '../ui/Checkbox.tsx';
import { ErrorNote } from '../ui/ErrorNote.tsx';
import { fieldErrors } from '../ui/fieldErrors.ts';
import { CHANNEL_FIELDS, fieldText, fieldValue } from './channel-fields.ts';
import { toast } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

type Draft = Record<string, unknown> & { kind: ChannelKind; name: string };

function emptyDraft(kind: ChannelKind): Draft {
  return { kind, name: '', minPriority: 'CRITICAL', enabled: true };
}

/**
 * The notification channels of settings: each with its minimum priority and a "Send test" that
 * shows what the provider answered. Saving replaces `notifications.channels` as a whole.
 */
export function ChannelsPanel({ saved }: { saved: AppSettings }) {
  const transport = useTransport();
  const client = useQueryClient();
  const channels = saved.notifications.channels;
  const [editing, setEditing] = useState<{ draft: Draft; index: number | null } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  /** `done`: what the toast says once saved ("Channel phone added"). */
  const save = async (next: ChannelConfig[], done: string) => {
    setStatus(null);
    try {
      await transport.call('settings.set', { notifications: { ...saved.notifications, channels: next } });
      toast('done', done);
      await client.invalidateQueries({ queryKey: ['settings.get'] });
      setEditing(null);
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  return (
    <section className="panel" data-testid="channels">
      <h2>Notification channels</h2>
      <p className="muted small">
        Where notices reach you away from this computer. Each channel takes notices from its minimum priority
        up: INFO (back to NORMAL), WARNING (ALERT), CRITICAL (THROTTLE, HALT, a missed check), EMERGENCY
        (SHUTDOWN, repeated until acknowledged).
      </p>
      {channels.length === 0 ? <p className="muted">No channels yet.</p> : null}
      <ul className="channel-list">
        {channels.map((channel, index) => (
          <li key={channel.name} data-testid={`channel-${channel.name}`}>
            <strong>{channel.name}</strong> <span className="muted">{channel.kind}</span>{' '}
            <span className="badge">from {channel.minPriority}</span>
            {channel.enabled ? null : <span className="badge">off</span>}{' '}
            <TestButton channel={channel} testId={`channel-test-${channel.name}`} />
            <button
              type="button"
              className="secondary"
              onClick={() => setEditing({ draft: channel as unknown as Draft, index })}
              data-testid={`channel-edit-${channel.name}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void save(
                  channels.filter((_, i) => i !== index),
                  `Channel ${channel.name} removed`,
                )
              }
              data-testid={`channel-remove-${channel.name}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <ChannelEditor
          initial={editing.draft}
          onCancel={() => setEditing(null)}
          onSave={(channel) => {
            const next = [...channels];
            if (editing.index === null) next.push(channel);
            else next[editing.index] = channel;
            void save(
              next,
              editing.index === null
                ? `Channel ${channel.name} added (${channel.kind}, from ${channel.minPriority})`
                : `Channel ${channel.name} saved`,
            );
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => setEditing({ draft: emptyDraft('telegram'), index: null })}
          data-testid="channel-add"
        >
          Add a channel
        </button>
      )}
      {status ? (
        <p className="error" role="alert" data-testid="channels-error">
          {status}
        </p>
      ) : null}
    </section>
  );
}

function TestButton({ channel, testId }: { channel: ChannelConfig; testId: string }) {
  const transport = useTransport();
  const [result, setResult] = useState<ChannelTestResult | { ok: false; answer: string } | null>(null);
  const [sending, setSending] = useState(false);
  const run = async () => {
    setSending(true);
    setResult(null);
    try {
      const answer = await transport.call('notifications.test', { channel });
      setResult(answer);
      if (answer.ok) toast('done', `Test sent on ${channel.name}`, answer.answer);
      else toast('error', `Test on ${channel.name} failed`, answer.answer);
    } catch (e) {
      const answer = errorMessage(e);
      setResult({ ok: false, answer });
      toast('error', `Test on ${channel.name} failed`, answer);
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={sending}
        onClick={() => void run()}
        data-testid={testId}
      >
        {sending ? 'Sending…' : 'Send test'}
      </button>
      {result ? (
        <span
          role="status"
          className={result.ok ? 'muted small' : 'error small'}
          data-testid={`${testId}-result`}
        >
          {result.ok ? 'Sent: ' : 'Failed: '}
          {result.answer}
        </span>
      ) : null}
    </>
  );
}

function ChannelEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: Draft;
  onSave: (channel: ChannelConfig) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, fieldText(v)])),
  );
  const errors = fieldErrors(channelSchema, draft);
  const parsed = channelSchema.safeParse(draft);
  const set = (key: string, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <fieldset className="channel-editor" data-testid="channel-editor">
      <legend>{initial.name ? `Edit ${initial.name}` : 'New channel'}</legend>
      <div className="field">
        <label htmlFor="channel-kind">Kind</label>
        <select
          id="channel-kind"
          value={draft.kind}
          onChange={(e) => {
            setDraft({ ...emptyDraft(e.target.value as ChannelKind), name: draft.name });
            setTexts({ name: draft.name });
          }}
          data-testid="channel-kind"
        >
          {CHANNEL_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="channel-name">Name</label>
        <input
          id="channel-name"
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={errors.has('name')}
          data-testid="channel-name"
        />
        <ErrorNote message={errors.get('name')} />
      </div>
      <div className="field">
        <label htmlFor="channel-min">Minimum priority</label>
        <select
          id="channel-min"
          value={String(draft.minPriority)}
          onChange={(e) => set('minPriority', e.target.value)}
          data-testid="channel-min"
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <Checkbox
        checked={draft.enabled !== false}
        onChange={(on) => set('enabled', on)}
        testId="channel-enabled"
      >
        Enabled
      </Checkbox>
      {CHANNEL_FIELDS[draft.kind].map((field) =>
        field.type === 'checkbox' ? (
          <Checkbox
            key={field.key}
            checked={draft[field.key] === true}
            onChange={(on) => set(field.key, on)}
            testId={`channel-${field.key}`}
          >
            {field.label}
          </Checkbox>
        ) : (
          <div className="field" key={field.key}>
            <label htmlFor={`channel-${field.key}`}>{field.label}</label>
            {field.type === 'secret' ? (
              <SecretRefInput
                id={`channel-${field.key}`}
                value={draft[field.key]}
                onChange={(ref) => set(field.key, ref)}
                testId={`channel-${field.key}`}
              />
            ) : field.type === 'select' ? (
              <select
                id={`channel-${field.key}`}
                value={String(draft[field.key] ?? field.options?.[0] ?? '')}
                onChange={(e) => set(field.key, e.target.value)}
                data-testid={`channel-${field.key}`}
              >
                {field.options?.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                id={`channel-${field.key}`}
                value={texts[field.key] ?? ''}
                placeholder={field.placeholder}
                onChange={(e) => {
                  setTexts((t) => ({ ...t, [field.key]: e.target.value }));
                  set(field.key, fieldValue(field, e.target.value));
                }}
                aria-invalid={[...errors.keys()].some((k) => k.startsWith(field.key))}
                data-testid={`channel-${field.key}`}
              />
            )}
            <ErrorNote message={[...errors].find(([k]) => k.startsWith(field.key))?.[1]} />
          </div>
        ),
      )}
      <div className="toolbar">
        <button
          type="button"
          disabled={!parsed.success}
          onClick={() => parsed.success && onSave(parsed.data)}
          data-testid="channel-save"
        >
          Save channel
        </button>
        {parsed.success ? <TestButton channel={parsed.data} testId="channel-test-draft" /> : null}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
