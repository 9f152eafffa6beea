import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCall } from '../app/queries.ts';
import { useTransport } from '../transport-context.tsx';
import { QueryView } from '../ui/QueryView.tsx';
import type { TokenKindName, TokenSource } from '../../../shared/contract/api.ts';
import { ApiAddressForm } from './ApiAddressForm.tsx';
import { toast, toastFailure } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

const TOKEN_SOURCE_LABEL: Record<TokenKindName, Record<TokenSource, string>> = {
  bot: {
    option: 'given with --token',
    env: 'from HALTWATCH_TOKEN',
    file: 'kept in the data folder',
    generated: 'generated on first run, kept in the data folder',
  },
  operator: {
    option: 'given with --operator-token',
    env: 'from HALTWATCH_OPERATOR_TOKEN',
    file: 'kept in the data folder',
    generated: 'generated on first run, kept in the data folder',
  },
};

const fixedSource = (source: TokenSource) => source === 'option' || source === 'env';

/**
 * Where bots reach Haltwatch and its two tokens: the bot's (gate, reports, heartbeats, status,
 * issues, override on) and the operator's (this dashboard over HTTP, and everything else). Each is
 * copied without being shown and rotated after a confirmation.
 */
export function ApiPanel() {
  const transport = useTransport();
  const client = useQueryClient();
  const info = useCall('api.info');
  const settings = useCall('settings.get');
  const [note, setNote] = useState<string | null>(null);

  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setNote('Token copied.');
    } catch {
      setNote('The clipboard refused; the bot token is in the api-token file of the data folder.');
    }
  };
  const rotate = async (which: TokenKindName) => {
    try {
      const next = await transport.call('api.rotateToken', { token: which });
      // This dashboard speaks with the operator token: it follows that one, never the bot's.
      if (which === 'operator') transport.useToken?.(next.operatorToken);
      client.setQueryData(['api.info', {}], next);
      const said =
        which === 'bot'
          ? 'A new token is in force; bots need it now.'
          : 'A new operator token is in force; other dashboard tabs need the new link.';
      setNote(said);
      toast('done', `The ${which} token was rotated`, said);
    } catch (e) {
      setNote(`Rotation refused: ${errorMessage(e)}`);
      toastFailure(`Rotating the ${which} token`, e);
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
            </dl>
            <TokenRow
              label="Bot token"
              scope="asks the gate, reports, beats, reads status and issues, turns the override on"
              preview={api.tokenPreview}
              source={TOKEN_SOURCE_LABEL.bot[api.tokenSource]}
              fixed={fixedSource(api.tokenSource)}
              testId="api"
              onCopy={() => void copy(api.token)}
              onRotate={() => void rotate('bot')}
            />
            <TokenRow
              label="Operator token"
              scope="this dashboard over HTTP, and everything the bot token may not do"
              preview={api.operatorTokenPreview}
              source={TOKEN_SOURCE_LABEL.operator[api.operatorTokenSource]}
              fixed={fixedSource(api.operatorTokenSource)}
              testId="api-operator"
              onRotate={() => void rotate('operator')}
            />
            <p className="muted small" role="status" data-testid="api-note">
              {note ??
                (fixedSource(api.tokenSource)
                  ? 'The bot token was given on the command line or in the environment: change it there.'
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

interface TokenRowProps {
  label: string;
  scope: string;
  preview: string;
  source: string;
  /** Given on the command line or in the environment: not rotated from here. */
  fixed: boolean;
  testId: string;
  onCopy?: () => void;
  onRotate: () => void;
}

/** One token: its preview, where it comes from, what it may do; copy, and rotate after a confirmation. */
function TokenRow({ label, scope, preview, source, fixed, testId, onCopy, onRotate }: TokenRowProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="token-row">
      <dl className="facts">
        <dt>{label}</dt>
        <dd>
          <code data-testid={`${testId}-token`}>{preview}</code>{' '}
          <span className="muted small" data-testid={`${testId}-token-source`}>
            ({source})
          </span>
          <br />
          <span className="muted small">{scope}</span>
        </dd>
      </dl>
      <div className="toolbar">
        {onCopy ? (
          <button type="button" className="secondary" onClick={onCopy} data-testid={`${testId}-copy`}>
            Copy token
          </button>
        ) : null}
        {confirming ? (
          <>
            <span>The old token stops working at once.</span>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                onRotate();
              }}
              data-testid={`${testId}-rotate-confirm`}
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
            disabled={fixed}
            onClick={() => setConfirming(true)}
            data-testid={`${testId}-rotate`}
          >
            Rotate {label.toLowerCase()}…
          </button>
        )}
      </div>
    </div>
  );
}
