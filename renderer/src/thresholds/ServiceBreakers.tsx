import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  BREAKER_PROFILE_NAMES,
  breakerConfigSchema,
  type BreakerProfileName,
} from '../../../shared/breaker.ts';
import { breakerConfigFor, validateService, type ServiceConfig } from '../../../shared/services.ts';
import { useCall } from '../app/queries.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { useTransport } from '../transport-context.tsx';
import { durationHint } from '../ui/duration-hint.ts';
import { ErrorNote } from '../ui/ErrorNote.tsx';
import { QueryView } from '../ui/QueryView.tsx';
import { changedPaths, savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';

const FIELDS = [
  { key: 'failureThreshold', label: 'Failures to open', ms: false },
  { key: 'openMs', label: 'Open for (ms)', ms: true },
  { key: 'halfOpenMaxCalls', label: 'Trial calls', ms: false },
  { key: 'successThreshold', label: 'Successes to close', ms: false },
] as const;
type BreakerField = (typeof FIELDS)[number]['key'];

/** Each service's breaker: a profile and the fields that override it, saved to the services file. */
export function ServiceBreakers() {
  const services = useCall('services.list');
  return (
    <section className="panel" aria-labelledby="breakers-title">
      <h2 id="breakers-title">Service breakers</h2>
      <QueryView query={services} what="the services">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No services are configured.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Profile</th>
                  {FIELDS.map((f) => (
                    <th scope="col" key={f.key}>
                      {f.label}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Save</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((service) => (
                  <BreakerRow key={JSON.stringify(service)} saved={service} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}

function BreakerRow({ saved }: { saved: ServiceConfig }) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const effective = breakerConfigSchema.safeParse(breakerConfigFor(draft));
  const errors = useMemo(() => {
    const result = validateService(draft);
    return new Map(result.ok ? [] : result.errors.map((e) => [e.path, e.message] as const));
  }, [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const setBreaker = (patch: Record<string, unknown>) =>
    setDraft({ ...draft, breaker: { ...draft.breaker, ...patch } } as ServiceConfig);
  const value = (key: BreakerField): number | '' => {
    const own = draft.breaker?.[key];
    if (typeof own === 'number') return Number.isNaN(own) ? '' : own;
    return effective.success ? effective.data[key] : '';
  };
  const save = {
    title: `Save the breaker of ${saved.name}`,
    description: 'The services file is rewritten; the breaker uses the new settings at once.',
    confirmLabel: 'Save breaker',
    run: async (reason: string) => {
      await transport.call('services.save', { service: draft, previousName: saved.name, reason });
      const labels = new Map<string, string>([
        ['profile', 'profile'],
        ...FIELDS.map((f) => [f.key, f.label] as const),
      ]);
      const changes = changedPaths(saved.breaker ?? {}, draft.breaker ?? {}).map((c) => ({
        ...c,
        label: labels.get(c.label) ?? c.label,
      }));
      const text = savedText(`Breaker of ${saved.name}`, changes);
      toast(text.tone, text.title, text.detail);
      await client.invalidateQueries({ queryKey: ['services.list'] });
    },
  };
  return (
    <tr data-testid={`breaker-editor-${saved.name}`}>
      <th scope="row">{saved.name}</th>
      <td>
        <select
          aria-label={`Breaker profile of ${saved.name}`}
          value={draft.breaker?.profile ?? ''}
          onChange={(e) =>
            setBreaker({
              profile: e.target.value === '' ? undefined : (e.target.value as BreakerProfileName),
            })
          }
        >
          <option value="">by kind</option>
          {BREAKER_PROFILE_NAMES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </td>
      {FIELDS.map((f) => (
        <td key={f.key}>
          <input
            type="number"
            className="narrow"
            aria-label={`${f.label} for ${saved.name}`}
            value={value(f.key)}
            onChange={(e) => setBreaker({ [f.key]: e.target.valueAsNumber })}
            aria-invalid={errors.has(`breaker.${f.key}`)}
            data-testid={`breaker-${saved.name}-${f.key}`}
          />
          <ErrorNote message={errors.get(`breaker.${f.key}`)} />
          {f.ms && !errors.has(`breaker.${f.key}`) ? (
            <span className="muted small field-hint" data-testid={`breaker-${saved.name}-${f.key}-hint`}>
              {durationHint(Number(value(f.key)))}
            </span>
          ) : null}
        </td>
      ))}
      <td>
        <ActionButton
          action={save}
          disabled={!dirty || errors.size > 0}
          testId={`breaker-save-${saved.name}`}
          className="secondary"
        >
          Save<span className="visually-hidden"> the breaker of {saved.name}</span>…
        </ActionButton>
      </td>
    </tr>
  );
}
