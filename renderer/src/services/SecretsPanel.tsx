import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ServiceConfig } from '../../../shared/services.ts';
import { useCall } from '../app/queries.ts';
import { useTransport } from '../transport-context.tsx';
import { QueryView } from '../ui/QueryView.tsx';
import { SecretValueForm } from './SecretValueForm.tsx';
import { MASK, SECRET_QUERIES, secretUsers } from './secrets.ts';
import { toast, toastFailure } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

type Editing = { mode: 'replace'; name: string } | { mode: 'delete'; name: string } | null;

/** The stored secrets by name only, where they are kept, and replace / delete (after a confirmation). */
export function SecretsPanel({ services }: { services: readonly ServiceConfig[] }) {
  const transport = useTransport();
  const client = useQueryClient();
  const secrets = useCall('secrets.list');
  const [editing, setEditing] = useState<Editing>(null);
  const [note, setNote] = useState<string | null>(null);
  const users = secretUsers(services);

  const remove = async (name: string) => {
    setEditing(null);
    try {
      await transport.call('secrets.delete', { name });
      await Promise.all(SECRET_QUERIES.map((m) => client.invalidateQueries({ queryKey: [m] })));
      setNote(`Secret ${name} deleted.`);
      toast('done', `Secret ${name} deleted`);
    } catch (e) {
      setNote(`Not deleted: ${errorMessage(e)}`);
      toastFailure(`Deleting the secret ${name}`, e);
    }
  };

  return (
    <section className="panel" aria-labelledby="secrets-title" data-testid="secrets-panel">
      <h2 id="secrets-title">Secrets</h2>
      <QueryView query={secrets} what="the secrets">
        {(view) => (
          <>
            <p className="muted small" data-testid="secrets-location">
              {view.location
                ? `Kept in ${view.location}. Values are never shown again once saved.`
                : 'Values are never shown again once saved.'}
            </p>
            {view.problem ? (
              <p role="alert" className="error" data-testid="secrets-problem">
                Secrets cannot be saved: {view.problem}
              </p>
            ) : null}
            {view.names.length === 0 ? (
              <p className="empty">No secrets stored yet. Add one from a service’s secret field.</p>
            ) : (
              <ul className="secret-list">
                {view.names.map((name) => (
                  <li key={name} data-testid={`secret-${name}`}>
                    <code>
                      {name} {MASK}
                    </code>
                    <span className="muted small">
                      {users.has(name) ? `used by ${users.get(name)?.join(', ')}` : 'not used by a service'}
                    </span>
                    <span className="button-row">
                      <button
                        type="button"
                        className="secondary icon"
                        onClick={() => setEditing({ mode: 'replace', name })}
                        data-testid={`secret-replace-${name}`}
                      >
                        Replace<span className="visually-hidden"> {name}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary icon"
                        onClick={() => setEditing({ mode: 'delete', name })}
                        data-testid={`secret-delete-${name}`}
                      >
                        Delete<span className="visually-hidden"> {name}</span>…
                      </button>
                    </span>
                    {editing?.name === name && editing.mode === 'replace' ? (
                      <SecretValueForm
                        fixedName={name}
                        testId="secret-replace-form"
                        onSaved={() => {
                          setEditing(null);
                          setNote(`Secret ${name} replaced; the next probe uses the new value.`);
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    ) : null}
                    {editing?.name === name && editing.mode === 'delete' ? (
                      <span className="confirm-row" role="group" aria-label={`Delete ${name}`}>
                        <span>
                          Delete {name}?
                          {users.has(name)
                            ? ` ${users.get(name)?.join(', ')} will fail their probes until it is stored again.`
                            : ''}
                        </span>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => void remove(name)}
                          data-testid="secret-delete-confirm"
                        >
                          Delete secret
                        </button>
                        <button type="button" className="secondary" onClick={() => setEditing(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <p role="status" className="muted small" data-testid="secrets-note">
              {note}
            </p>
          </>
        )}
      </QueryView>
    </section>
  );
}
