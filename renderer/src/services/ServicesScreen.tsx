import { useState } from 'react';
import type { ServiceConfig } from '../../../shared/services.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { CRITICALITY_LABELS, KIND_LABELS } from './kind-fields.ts';
import { PresetPicker } from './PresetPicker.tsx';
import type { ServicePreset } from './presets.ts';
import { SecretsPanel } from './SecretsPanel.tsx';
import { ServiceEditor } from './ServiceEditor.tsx';

type Editing = { mode: 'new'; preset?: ServicePreset } | { mode: 'edit'; service: ServiceConfig } | null;

export function ServicesScreen() {
  const services = useCall('services.list');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Set(services.data?.map((s) => s.name.toLowerCase()));
  const startFrom = (preset: ServicePreset) =>
    setEditing({
      mode: 'new',
      preset: { ...preset, service: { ...preset.service, name: freeName(preset.service.name, names) } },
    });
  return (
    <div className="screen" data-testid="screen-services">
      <h1>Services</h1>
      <QueryView query={services} what="the services">
        {(list) =>
          list.length === 0 ? (
            <p className="muted" data-testid="services-empty">
              Nothing is watched yet: start from a preset below or add a service.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="table" data-testid="services-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Criticality</th>
                    <th scope="col">Checks</th>
                    <th scope="col">
                      <span className="visually-hidden">Edit</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.name} data-testid={`service-row-${s.name}`}>
                      <th scope="row">{s.name}</th>
                      <td>{KIND_LABELS[s.kind]}</td>
                      <td>{CRITICALITY_LABELS[s.criticality].label}</td>
                      <td data-testid="service-enabled">{s.enabled ? 'watched' : 'paused'}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setEditing({ mode: 'edit', service: s })}
                          data-testid={`edit-${s.name}`}
                        >
                          Edit<span className="visually-hidden"> {s.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      {notice ? (
        <p className="error" role="status" data-testid="services-notice">
          Saved, without some secrets: {notice}
        </p>
      ) : null}
      {editing === null ? (
        <>
          <div>
            <button
              type="button"
              onClick={() => {
                setNotice(null);
                setEditing({ mode: 'new' });
              }}
              data-testid="add-service"
            >
              Add a service
            </button>
          </div>
          <PresetPicker
            onPick={(preset) => {
              setNotice(null);
              startFrom(preset);
            }}
          />
        </>
      ) : (
        <ServiceEditor
          key={editing.mode === 'edit' ? editing.service.name : `(new)${editing.preset?.id ?? ''}`}
          saved={editing.mode === 'edit' ? editing.service : null}
          preset={editing.mode === 'new' ? editing.preset : undefined}
          onDone={(saveNotice) => {
            setNotice(saveNotice ?? null);
            setEditing(null);
          }}
        />
      )}
      <SecretsPanel services={services.data ?? []} />
    </div>
  );
}

/** "broker", else "broker 2", "broker 3"…: a preset never collides with a service already there. */
function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}
