import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseDuration } from '../../../shared/duration.ts';
import { CRITICALITIES, type Criticality } from '../../../shared/levels.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import {
  SERVICE_KINDS,
  validateService,
  type ServiceConfig,
  type ServiceKind,
} from '../../../shared/services.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { useTransport } from '../transport-context.tsx';
import { Checkbox } from '../ui/Checkbox.tsx';
import { durationHint } from '../ui/duration-hint.ts';
import { Field } from './Field.tsx';
import { HeartbeatHelp } from './HeartbeatHelp.tsx';
import { CRITICALITY_LABELS, KIND_HINTS, KIND_LABELS, type KindField } from './kind-fields.ts';
import { KindInput } from './KindInput.tsx';
import type { ServicePreset } from './presets.ts';
import { ProbeResultNote } from './ProbeResultNote.tsx';
import { blankDraft, draftFrom, fieldsOf, serviceInput, type Draft } from './service-draft.ts';
import { serviceChanges } from './service-changes.ts';
import { savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

const AFFECTED = ['services.list', 'status.get'] as const;
/** Fields whose errors may sit on their parts (`expectStatus[1]`, `headers.Accept`): shown together. */
const GROUPED = new Set<KindField['type']>(['entries', 'list']);

/**
 * Add or edit one service. A field's errors show once it was left or a save or test was tried;
 * durations take `90s`, `5m`, `1h`; the rarer fields wait in "Advanced".
 */
export function ServiceEditor({
  saved,
  preset,
  onDone,
}: {
  saved: ServiceConfig | null;
  /** A starter service to fill a new one with (the person still saves it). */
  preset?: ServicePreset;
  /** `notice`: the save dropped secret references (the service moved to another host). */
  onDone: (notice?: string | null) => void;
}) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() =>
    saved ? draftFrom(saved) : preset ? draftFrom(preset.service) : blankDraft('http'),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [tested, setTested] = useState<ProbeResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const { input, errors: unreadable } = serviceInput(draft);
  const validation = validateService(input);
  const allErrors = new Map(unreadable);
  if (!validation.ok)
    for (const e of validation.errors) if (!allErrors.has(e.path)) allErrors.set(e.path, e.message);
  const shownError = (key: string, under = false) => {
    if (!attempted && !touched.has(key)) return undefined;
    if (!under) return allErrors.get(key);
    const messages = [...allErrors]
      .filter(([path]) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`))
      .map(([path, text]) => (path === key ? text : `${path.slice(key.length + 1)}: ${text}`));
    return messages.length ? messages.join('; ') : undefined;
  };
  const touch = (key: string) => () => {
    if (!touched.has(key)) setTouched(new Set([...touched, key]));
  };
  const set = (key: string, value: unknown) => setDraft({ ...draft, [key]: value });
  const refresh = () => Promise.all(AFFECTED.map((m) => client.invalidateQueries({ queryKey: [m] })));

  const run = async (what: 'save' | 'test') => {
    setAttempted(true);
    setMessage(null);
    setTested(null);
    if (!validation.ok || unreadable.size > 0) {
      if (advancedErrors(fieldsOf(draft.kind), allErrors)) setAdvancedOpen(true);
      return;
    }
    setBusy(true);
    try {
      if (what === 'test') {
        setTested(await transport.call('services.test', { service: validation.service }));
      } else {
        const result = await transport.call('services.save', {
          service: validation.service,
          ...(saved ? { previousName: saved.name } : {}),
        });
        const name = validation.service.name;
        if (saved) {
          const text = savedText(`Service ${name}`, serviceChanges(saved, validation.service));
          toast(text.tone, text.title, text.detail);
        } else
          toast(
            'done',
            `Service ${name} added`,
            `${KIND_LABELS[validation.service.kind]}, ${CRITICALITY_LABELS[validation.service.criticality].label.toLowerCase()}; checked from the next check on.`,
          );
        await refresh();
        onDone(result.notice);
      }
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = saved
    ? {
        title: `Delete ${saved.name}`,
        description: `${saved.name} is no longer watched; its history stays. To stop checking it for a while, untick "Watch this service" instead.`,
        confirmLabel: 'Delete service',
        danger: true,
        run: async (reason: string) => {
          await transport.call('services.delete', { name: saved.name, reason });
          toast('done', `Service ${saved.name} deleted`, 'It is no longer watched; its history stays.');
          await refresh();
          onDone();
        },
      }
    : null;

  const fields = fieldsOf(draft.kind);
  const fieldView = (field: KindField) => (
    <Field
      key={field.key}
      label={field.label}
      error={shownError(field.key, GROUPED.has(field.type))}
      hint={hintOf(field, draft[field.key])}
      wide={field.type === 'entries' || field.type === 'textarea'}
      testId={`svc-${field.key}-field`}
      onBlur={touch(field.key)}
    >
      {(id, noteId) => (
        <KindInput
          id={id}
          noteId={noteId}
          field={field}
          value={draft[field.key]}
          invalid={shownError(field.key, GROUPED.has(field.type)) !== undefined}
          onChange={(v) => set(field.key, v)}
        />
      )}
    </Field>
  );
  const criticality = (draft.criticality ?? 'important') as Criticality;
  // Errors no field shows (a breaker override written by hand, the whole entry): listed under the form.
  const placed = new Set(['name', 'kind', 'criticality', 'enabled', ...fields.map((f) => f.key)]);
  const unplaced = [...allErrors].filter(([path]) => !placed.has(path.split(/[.[]/)[0]!));
  const toFix = allErrors.size;

  return (
    <section className="panel" aria-labelledby="editor-title" data-testid="service-editor">
      <h2 id="editor-title">
        {saved ? `Edit ${saved.name}` : preset ? `Add a service: ${preset.title}` : 'Add a service'}
      </h2>
      {preset ? (
        <p className="muted" data-testid="preset-note">
          {preset.note}
        </p>
      ) : null}
      <div className="form-grid">
        <Field label="Name" error={shownError('name')} onBlur={touch('name')}>
          {(id, noteId) => (
            <input
              id={id}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              aria-invalid={shownError('name') !== undefined}
              aria-describedby={noteId}
              data-testid="svc-name"
            />
          )}
        </Field>
        <Field label="Kind" error={shownError('kind')} hint={KIND_HINTS[draft.kind]}>
          {(id, noteId) => (
            <select
              id={id}
              value={draft.kind}
              disabled={saved !== null}
              aria-describedby={noteId}
              onChange={(e) => {
                setDraft(blankDraft(e.target.value as ServiceKind, draft));
                setTested(null);
              }}
              data-testid="svc-kind"
            >
              {SERVICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Criticality"
          error={shownError('criticality')}
          hint={CRITICALITY_LABELS[criticality]?.explains}
        >
          {(id, noteId) => (
            <select
              id={id}
              value={criticality}
              aria-describedby={noteId}
              onChange={(e) => set('criticality', e.target.value)}
              data-testid="svc-criticality"
            >
              {CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {CRITICALITY_LABELS[c].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <span className="field-label">Checks</span>
          <Checkbox
            checked={draft.enabled !== false}
            onChange={(on) => set('enabled', on)}
            testId="svc-enabled"
          >
            Watch this service
          </Checkbox>
          <span className="muted small field-hint">
            {draft.enabled === false
              ? 'Paused: kept here, not checked, does not move the level.'
              : 'Untick to pause it without deleting it.'}
          </span>
        </div>
        {fields.filter((f) => !f.advanced).map(fieldView)}
        {draft.kind === 'heartbeat' ? <HeartbeatHelp name={draft.name} /> : null}
      </div>
      <details
        className="advanced"
        data-testid="svc-advanced"
        open={advancedOpen}
        onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
      >
        <summary>Advanced</summary>
        <div className="form-grid">{fields.filter((f) => f.advanced).map(fieldView)}</div>
      </details>
      {attempted && unplaced.length > 0 ? (
        <p className="error" role="alert" data-testid="svc-other-errors">
          {unplaced.map(([path, text]) => (path === '(root)' ? text : `${path}: ${text}`)).join('; ')}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void run('save')} data-testid="svc-save">
          Save
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void run('test')}
          data-testid="svc-test"
        >
          Test probe
        </button>
        {remove ? (
          <ActionButton action={remove} testId="svc-delete">
            Delete…
          </ActionButton>
        ) : null}
        <button type="button" className="secondary" onClick={() => onDone()}>
          Cancel
        </button>
        <span
          role="status"
          data-testid="svc-status"
          className={message || (attempted && toFix) ? 'error' : 'muted'}
        >
          {message ??
            (busy ? 'Working…' : attempted && toFix ? `${toFix} field${toFix === 1 ? '' : 's'} to fix` : '')}
        </span>
      </div>
      {tested ? <ProbeResultNote result={tested} /> : null}
    </section>
  );
}

/** "= 2 s" under a duration typed as a bare number or a mix of units; the field's own hint otherwise. */
function hintOf(field: KindField, value: unknown): string | undefined {
  if (field.type !== 'duration' || typeof value !== 'string' || value.trim() === '') return field.hint;
  const parsed = parseDuration(value, field.unit);
  if (!parsed.ok) return field.hint;
  return [durationHint(parsed.ms), field.hint].filter(Boolean).join(' · ');
}

/** Whether a field in the Advanced section needs fixing: a failed save opens the section. */
function advancedErrors(fields: KindField[], errors: Map<string, string>): boolean {
  const paths = [...errors.keys()];
  return fields.some((f) => f.advanced && paths.some((p) => p === f.key || p.startsWith(`${f.key}[`)));
}
