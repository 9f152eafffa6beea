import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { settingsPatchSchema } from '../../../shared/contract/settings.ts';
import { LEVELS } from '../../../shared/levels.ts';
import { THEMES, type AppSettings } from '../../../shared/settings.ts';
import { useTransport } from '../transport-context.tsx';
import { ErrorNote } from '../ui/ErrorNote.tsx';
import { fieldErrors } from '../ui/fieldErrors.ts';
import { Checkbox } from '../ui/Checkbox.tsx';
import { DurationInput } from '../ui/DurationInput.tsx';
import { RETENTION_FIELDS, settingsChanges } from './settings-changes.ts';
import { savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** HALT and SHUTDOWN always notify (the notify policy), so their boxes are ticked and locked. */
const ALWAYS_NOTIFY = new Set(['HALT', 'SHUTDOWN']);

type Draft = Pick<AppSettings, 'notifications' | 'theme' | 'startAtLogin' | 'retention'>;

export function SettingsForm({ saved }: { saved: AppSettings }) {
  const transport = useTransport();
  const client = useQueryClient();
  const initial: Draft = {
    notifications: saved.notifications,
    theme: saved.theme,
    startAtLogin: saved.startAtLogin,
    retention: saved.retention,
  };
  const [draft, setDraft] = useState<Draft>(initial);
  const [webhooks, setWebhooks] = useState(saved.notifications.webhooks.join('\n'));
  const [status, setStatus] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState<Partial<Record<string, string | null>>>({});
  const candidate: Draft = {
    ...draft,
    notifications: {
      ...draft.notifications,
      webhooks: webhooks
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    },
  };
  const errors = fieldErrors(settingsPatchSchema, candidate);
  const dirty = JSON.stringify(candidate) !== JSON.stringify(initial);
  const webhookError = [...errors].find(([path]) => path.startsWith('notifications.webhooks'))?.[1];

  const save = async () => {
    setStatus(null);
    try {
      await transport.call('settings.set', candidate);
      const text = savedText('Settings', settingsChanges(initial, candidate));
      toast(text.tone, text.title, text.detail);
      await client.invalidateQueries({ queryKey: ['settings.get'] });
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  return (
    <form
      className="settings-grid"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="panel">
        <legend>Appearance</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="checkbox">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={draft.theme === theme}
              onChange={() => setDraft({ ...draft, theme })}
              data-testid={`theme-${theme}`}
            />
            {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
        <Checkbox
          checked={draft.startAtLogin}
          onChange={(checked) => setDraft({ ...draft, startAtLogin: checked })}
          testId="start-at-login"
        >
          Start Haltwatch when I log in (desktop app)
        </Checkbox>
      </fieldset>
      <fieldset className="panel">
        <legend>Notifications</legend>
        <p className="muted small">Notify when the level arrives at:</p>
        {LEVELS.filter((l) => l !== 'NORMAL').map((level) => (
          <Checkbox
            key={level}
            checked={ALWAYS_NOTIFY.has(level) || draft.notifications.levels.includes(level)}
            disabled={ALWAYS_NOTIFY.has(level)}
            onChange={(checked) =>
              setDraft({
                ...draft,
                notifications: {
                  ...draft.notifications,
                  levels: checked
                    ? [...draft.notifications.levels, level]
                    : draft.notifications.levels.filter((l) => l !== level),
                },
              })
            }
            testId={`notify-${level}`}
          >
            {level}
            {ALWAYS_NOTIFY.has(level) ? <span className="muted small"> (always)</span> : null}
          </Checkbox>
        ))}
        <Checkbox
          checked={draft.notifications.sound}
          onChange={(sound) => setDraft({ ...draft, notifications: { ...draft.notifications, sound } })}
          testId="notify-sound"
        >
          Play a sound
        </Checkbox>
        <label htmlFor="webhooks">Webhook URLs (one per line)</label>
        <textarea
          id="webhooks"
          rows={3}
          value={webhooks}
          onChange={(e) => setWebhooks(e.target.value)}
          aria-invalid={webhookError !== undefined}
          data-testid="webhooks"
        />
        <ErrorNote message={webhookError} />
      </fieldset>
      <fieldset className="panel">
        <legend>History retention</legend>
        {RETENTION_FIELDS.map(([key, label]) => (
          <div className="field" key={key}>
            <label htmlFor={`retention-${key}`}>
              {label} <span className="muted">(days, or 30d, 12w…)</span>
            </label>
            <DurationInput
              id={`retention-${key}`}
              unit="d"
              value={draft.retention[key]}
              onChange={(days, problem) => {
                setUnreadable({ ...unreadable, [key]: problem });
                setDraft({ ...draft, retention: { ...draft.retention, [key]: days } });
              }}
              aria-invalid={unreadable[key] != null || errors.has(`retention.${key}`)}
              data-testid={`retention-${key}`}
            />
            <ErrorNote message={unreadable[key] ?? errors.get(`retention.${key}`)} />
          </div>
        ))}
        <p className="muted small">Daily rollups and the audit log are kept forever.</p>
      </fieldset>
      <div className="toolbar save-bar">
        <button type="submit" disabled={!dirty || errors.size > 0} data-testid="settings-save">
          Save settings
        </button>
        <span
          role="status"
          className={status || errors.size ? 'error' : 'muted'}
          data-testid="settings-state"
        >
          {status ??
            (errors.size ? 'Fix the marked fields' : dirty ? 'Unsaved changes' : 'No unsaved changes')}
        </span>
      </div>
    </form>
  );
}
