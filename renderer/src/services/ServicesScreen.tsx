import { useState } from 'react';
import type { ServiceConfig } from '../../../shared/services.ts';
import { useCall } from '../app/queries.ts';
import { QueryView } from '../ui/QueryView.tsx';
import { SecretsPanel } from './SecretsPanel.tsx';
import { ServiceEditor } from './ServiceEditor.tsx';

type Editing = { mode: 'new' } | { mode: 'edit'; service: ServiceConfig } | null;

export function ServicesScreen() {
  const services = useCall('services.list');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="screen" data-testid="screen-services">
      <h1>Services</h1>
      <QueryView query={services} what="the services">
        {(list) => (
          <table className="table" data-testid="services-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Criticality</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.name} data-testid={`service-row-${s.name}`}>
                  <th scope="row">{s.name}</th>
                  <td>{s.kind}</td>
                  <td>{s.criticality}</td>
                  <td>{s.enabled ? 'yes' : 'no'}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setEditing({ mode: 'edit', service: s })}
                      data-testid={`edit-${s.name}`}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      {notice ? (
        <p className="error" role="status" data-testid="services-notice">
          Saved, without some secrets: {notice}
        </p>
      ) : null}
      {editing === null ? (
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
      ) : (
        <ServiceEditor
          key={editing.mode === 'edit' ? editing.service.name : '(new)'}
          saved={editing.mode === 'edit' ? editing.service : null}
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
