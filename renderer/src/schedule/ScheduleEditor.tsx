import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  ANCHORS,
  CHECKPOINTS,
  EXCHANGE_IDS,
  SCHEDULE_PRESETS,
  scheduleConfigSchema,
  type ExchangeId,
  type ScheduleConfig,
} from '../../../shared/schedule.ts';
import type { MethodName } from '../../../shared/contract.ts';
import { useTransport } from '../transport-context.tsx';
import { fieldErrors } from '../ui/fieldErrors.ts';
import { AdhocEditor } from './AdhocEditor.tsx';
import { EntryRow } from './EntryRow.tsx';
import { Checkbox } from '../ui/Checkbox.tsx';
import { savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';
import { scheduleChanges } from './schedule-changes.ts';
import { errorMessage } from '../../../shared/errors.ts';

const PRESET_LABELS: Record<keyof typeof SCHEDULE_PRESETS, string> = {
  marketOpen: 'Market open',
  marketClose: 'Market close',
  preOpen: 'Pre-open (15 min before)',
  midday: 'Midday',
  afterHours: 'After hours (60 min after)',
  interval: 'Every 5 min in session',
};
const AFFECTED: readonly MethodName[] = ['schedule.get', 'schedule.upcoming', 'calendar.month', 'status.get'];

/** The schedule's entries and ad-hoc closures, validated as typed; saved together. */
export function ScheduleEditor({ saved }: { saved: ScheduleConfig }) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = useMemo(() => fieldErrors(scheduleConfigSchema, draft), [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await transport.call('schedule.set', draft);
      const text = savedText('Schedule', scheduleChanges(saved, draft));
      toast(text.tone, text.title, text.detail);
      await Promise.all(AFFECTED.map((m) => client.invalidateQueries({ queryKey: [m] })));
    } catch (e) {
      setSaveError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="entries-title">
      <h2 id="entries-title">Scheduled checks</h2>
      <div className="toolbar">
        <label>
          Exchange calendar{' '}
          <select
            value={draft.exchange}
            onChange={(e) => setDraft({ ...draft, exchange: e.target.value as ExchangeId })}
          >
            {EXCHANGE_IDS.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <Checkbox checked={draft.catchUp} onChange={(checked) => setDraft({ ...draft, catchUp: checked })}>
          Catch up on checks missed during sleep (within their expiry)
        </Checkbox>
      </div>
      <div className="table-scroll">
        <table className="table entries">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Checkpoint</th>
              <th scope="col">Anchor</th>
              <th scope="col">Offset (min)</th>
              <th scope="col">Every (min)</th>
              <th scope="col">Priority</th>
              <th scope="col">Expiry (s)</th>
              <th scope="col">On</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.entries.map((entry, i) => (
              <EntryRow
                key={i}
                index={i}
                entry={entry}
                errors={errors}
                checkpoints={CHECKPOINTS}
                anchors={ANCHORS}
                onChange={(next) =>
                  setDraft({ ...draft, entries: draft.entries.map((e, j) => (j === i ? next : e)) })
                }
                onRemove={() => setDraft({ ...draft, entries: draft.entries.filter((_, j) => j !== i) })}
              />
            ))}
          </tbody>
        </table>
      </div>
      <label>
        Add a check{' '}
        <select
          value=""
          onChange={(e) => {
            const preset = SCHEDULE_PRESETS[e.target.value as keyof typeof SCHEDULE_PRESETS];
            if (preset) setDraft({ ...draft, entries: [...draft.entries, preset()] });
          }}
          data-testid="add-entry"
        >
          <option value="">choose…</option>
          {Object.entries(PRESET_LABELS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <AdhocEditor
        entries={draft.adhoc}
        errors={errors}
        onChange={(adhoc) => setDraft({ ...draft, adhoc })}
      />
      <div className="toolbar save-bar">
        <button
          type="button"
          disabled={!dirty || errors.size > 0 || saving}
          onClick={() => void save()}
          data-testid="schedule-save"
        >
          {saving ? 'Saving…' : 'Save schedule'}
        </button>
        <button type="button" className="secondary" disabled={!dirty} onClick={() => setDraft(saved)}>
          Revert
        </button>
        <span
          role="status"
          className={errors.size || saveError ? 'error' : 'muted'}
          data-testid="schedule-state"
        >
          {saveError ??
            (errors.size > 0
              ? `${errors.size} field${errors.size === 1 ? '' : 's'} to fix`
              : dirty
                ? 'Unsaved changes'
                : 'No unsaved changes')}
        </span>
      </div>
    </section>
  );
}
