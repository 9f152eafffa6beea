import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatLatency } from '../../../shared/format.ts';
import { CRITICALITIES } from '../../../shared/levels.ts';
import type { ProbeResult } from '../../../shared/probe.ts';
import {
  SERVICE_KINDS,
  validateService,
  type ServiceConfig,
  type ServiceKind,
} from '../../../shared/services.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { useTransport } from '../transport-context.tsx';
import { durationHint } from '../ui/duration-hint.ts';
import { ErrorNote } from '../ui/ErrorNote.tsx';
import { EntriesInput } from './EntriesInput.tsx';
import { KIND_FIELDS, type KindField } from './kind-fields.ts';
import { SecretRefInput } from './SecretRefInput.tsx';

type Draft = Record<string, unknown> & { kind: ServiceKind; name: string };

const AFFECTED = ['services.list', 'status.get'] as const;

/** Add or edit one service: field-level validation as you type, a one-off test, save and delete. */
export function ServiceEditor({
  saved,
  onDone,
}: {
  saved: ServiceConfig | null;
  /** `notice`: the save dropped secret references (the service moved to another host). */
  onDone: (notice?: string | null) => void;
}) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    saved ? ({ ...saved } as Draft) : { kind: 'http', name: '', criticality: 'important', url: '' },
  );
  const [message, setMessage] = useState<string | null>(null);
  const [tested, setTested] = useState<ProbeResult | null>(null);
  const validation = validateService(draft);
  const errors = new Map(validation.ok ? [] : validation.errors.map((e) => [e.path, e.message] as const));
  const set = (key: string, value: unknown) => setDraft({ ...draft, [key]: value });
  const refresh = () => Promise.all(AFFECTED.map((m) => client.invalidateQueries({ queryKey: [m] })));

  const save = async () => {
    if (!validation.ok) return;
    setMessage(null);
    try {
      const result = await transport.call('services.save', {
        service: validation.service,
        ...(saved ? { previousName: saved.name } : {}),
      });
      await refresh();
      onDone(result.notice);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const test = async () => {
    if (!validation.ok) return;
    setTested(null);
    setMessage(null);
    try {
      setTested(await transport.call('services.test', { service: validation.service }));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const remove = saved
    ? {
        title: `Delete ${saved.name}`,
        description: `${saved.name} is no longer watched; its history stays.`,
        confirmLabel: 'Delete service',
        danger: true,
        run: async (reason: string) => {
          await transport.call('services.delete', { name: saved.name, reason });
          await refresh();
          onDone();
        },
      }
    : null;

  return (
    <section className="panel" aria-labelledby="editor-title" data-testid="service-editor">
      <h2 id="editor-title">{saved ? `Edit ${saved.name}` : 'Add a service'}</h2>
      <div className="settings-grid">
        <Field label="Name" error={errors.get('name')}>
          {(id) => (
            <input
              id={id}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              data-testid="svc-name"
            />
          )}
        </Field>
        <Field label="Kind" error={errors.get('kind')}>
          {(id) => (
            <select
              id={id}
              value={draft.kind}
              disabled={saved !== null}
              onChange={(e) =>
                setDraft({
                  kind: e.target.value as ServiceKind,
                  name: draft.name,
                  criticality: draft.criticality,
                })
              }
              data-testid="svc-kind"
            >
              {SERVICE_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Criticality" error={errors.get('criticality')}>
          {(id) => (
            <select
              id={id}
              value={String(draft.criticality ?? 'important')}
              onChange={(e) => set('criticality', e.target.value)}
            >
              {CRITICALITIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Timeout (ms)"
          error={errors.get('timeoutMs')}
          hint={durationHint(Number(draft.timeoutMs))}
          testId="svc-timeoutMs-field"
        >
          {(id) => (
            <NumberInput
              id={id}
              value={draft.timeoutMs}
              onChange={(v) => set('timeoutMs', v)}
              testId="svc-timeoutMs"
            />
          )}
        </Field>
        <Field
          label="Probe every (s)"
          error={errors.get('intervalSeconds')}
          hint={
            draft.intervalSeconds === undefined
              ? 'empty: the session default (60 s, 300 s outside it)'
              : undefined
          }
        >
          {(id) => (
            <NumberInput
              id={id}
              value={draft.intervalSeconds}
              onChange={(v) => set('intervalSeconds', v)}
              testId="svc-intervalSeconds"
            />
          )}
        </Field>
        <Field
          label="Failed probes that mean down"
          error={errors.get('confirmFailures')}
          hint={draft.confirmFailures === undefined ? 'empty: 2' : undefined}
        >
          {(id) => (
            <NumberInput
              id={id}
              value={draft.confirmFailures}
              onChange={(v) => set('confirmFailures', v)}
              testId="svc-confirmFailures"
            />
          )}
        </Field>
        {KIND_FIELDS[draft.kind].map((field) => (
          <Field
            key={field.key}
            label={field.label}
            error={field.type === 'entries' ? errorsUnder(errors, field.key) : errors.get(field.key)}
            wide={field.type === 'entries'}
          >
            {(id) => (
              <KindInput id={id} field={field} value={draft[field.key]} onChange={(v) => set(field.key, v)} />
            )}
          </Field>
        ))}
      </div>
      {errors.has('(root)') ? <p className="error">{errors.get('(root)')}</p> : null}
      <div className="toolbar">
        <button type="button" disabled={!validation.ok} onClick={() => void save()} data-testid="svc-save">
          Save
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!validation.ok}
          onClick={() => void test()}
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
        <span role="status" data-testid="svc-status" className={message ? 'error' : 'muted'}>
          {message ??
            (tested
              ? `${tested.ok ? '✓ healthy' : `✕ ${tested.outcome}`} · ${formatLatency(tested.latencyMs)} · ${tested.reason}`
              : validation.ok
                ? ''
                : `${errors.size} field${errors.size === 1 ? '' : 's'} to fix`)}
        </span>
      </div>
    </section>
  );
}

/** The messages of a map field's entries, each with the entry it is about: "Authorization: …". */
function errorsUnder(errors: Map<string, string>, key: string): string | undefined {
  const messages = [...errors]
    .filter(([path]) => path === key || path.startsWith(`${key}.`))
    .map(([path, message]) => (path === key ? message : `${path.slice(key.length + 1)}: ${message}`));
  return messages.length ? messages.join('; ') : undefined;
}

function Field({
  label,
  error,
  hint,
  testId,
  wide = false,
  children,
}: {
  label: string;
  error: string | undefined;
  /** Shown under the input while it has no error ("= 2 s"). */
  hint?: string;
  testId?: string;
  wide?: boolean;
  children: (id: string) => React.ReactNode;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' invalid' : ''}${wide ? ' wide' : ''}`} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      <ErrorNote message={error} />
      {hint && !error ? <span className="muted small field-hint">{hint}</span> : null}
    </div>
  );
}

function NumberInput({
  id,
  value,
  onChange,
  testId,
}: {
  id: string;
  value: unknown;
  onChange: (v: number | undefined) => void;
  testId?: string;
}) {
  return (
    <input
      id={id}
      type="number"
      value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.valueAsNumber)}
      data-testid={testId}
    />
  );
}

/** One kind-specific field; secrets are chosen or stored by name and shown masked, never their value. */
function KindInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: KindField;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const testId = `svc-${field.key}`;
  if (field.type === 'number')
    return <NumberInput id={id} value={value} onChange={onChange} testId={testId} />;
  if (field.type === 'select')
    return (
      <select
        id={id}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        <option value="">choose…</option>
        {field.options?.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  if (field.type === 'secret')
    return <SecretRefInput id={id} value={value} onChange={onChange} testId={testId} />;
  if (field.type === 'entries')
    return (
      <EntriesInput
        id={id}
        value={value}
        onChange={onChange}
        keyLabel={field.keyLabel ?? 'Name'}
        testId={testId}
      />
    );
  return (
    <input
      id={id}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      data-testid={`svc-${field.key}`}
    />
  );
}
