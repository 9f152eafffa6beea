import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCall } from '../app/queries.ts';
import { useTransport } from '../transport-context.tsx';
import { QueryView } from '../ui/QueryView.tsx';
import type { TokenSource } from '../../../shared/contract/api.ts';
import { ApiAddressForm } from './ApiAddressForm.tsx';

const TOKEN_SOURCE_LABEL: Record<TokenSource, string> = {
  option: 'given with --token',
  env: 'from HALTWATCH_TOKEN',
  file: 'kept in the data folder',
  generated: 'generated on first run, kept in the data folder',
};

/** Where bots reach Haltwatch, and its token: copied without being shown, rotated after a confirmation. */
export function ApiPanel() {
  const transport = useTransport();
  const client = useQueryClient();
  const info = useCall('api.info');
  const settings = useCall('settings.get');
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setNote('Token copied.');
    } catch {
      setNote('The clipboard refused; select the token in the URL printed by haltwatch serve instead.');
    }
  };
  const rotate = async () => {
    setConfirming(false);
    try {
      const next = await transport.call('api.rotateToken');
      transport.useToken?.(next.token);
      client.setQueryData(['api.info', {}], next);
      setNote('A new token is in force; bots need it now.');
    } catch (e) {
      setNote(`Rotation refused: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section className="panel" aria-labelledby="api-title" data-testid="api-panel">
      <h2 id="api-title">Bot API</h2>
      <QueryView query={info} what="the local API">
        {(api) => (
          <>
            <dl className="facts">
              <dt>Address</dt>
              <dd data-testid="api-url">{api.url}</dd>
              <dt>Port</dt>
              <dd>{api.port}</dd>
              <dt>Token</dt>
              <dd>
                <code data-testid="api-token">{api.tokenPreview}</code>{' '}
                <span className="muted small" data-testid="api-token-source">
                  ({TOKEN_SOURCE_LABEL[api.tokenSource]})
                </span>
              </dd>
            </dl>
            <div className="toolbar">
              <button
                type="button"
                className="secondary"
                onClick={() => void copy(api.token)}
                data-testid="api-copy"
              >
                Copy token
              </button>
              {confirming ? (
                <>
                  <span>The old token stops working at once.</span>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void rotate()}
                    data-testid="api-rotate-confirm"
                  >
                    Rotate now
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={api.tokenSource === 'option' || api.tokenSource === 'env'}
                  onClick={() => setConfirming(true)}
                  data-testid="api-rotate"
                >
                  Rotate token…
                </button>
              )}
            </div>
            <p className="muted small" role="status" data-testid="api-note">
              {note ??
                (api.tokenSource === 'option' || api.tokenSource === 'env'
                  ? 'This token was given on the command line or in the environment: change it there.'
                  : null)}
            </p>
            {settings.data ? (
              <ApiAddressForm
                key={JSON.stringify(settings.data.api)}
                saved={settings.data.api}
                running={api}
              />
            ) : null}
          </>
        )}
      </QueryView>
    </section>
  );
}
