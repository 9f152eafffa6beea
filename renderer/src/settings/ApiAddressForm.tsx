import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiInfo } from '../../../shared/contract/api.ts';
import { apiSettingsSchema, type ApiSettings } from '../../../shared/contract/settings.ts';
import { ErrorNote } from '../ui/ErrorNote.tsx';
import { fieldErrors } from '../ui/fieldErrors.ts';
import { useTransport } from '../transport-context.tsx';
import { isLoopbackHost } from '../../../shared/loopback.ts';
import { Checkbox } from '../ui/Checkbox.tsx';
import { changedPaths, savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

interface Draft {
  port: number;
  host: string;
  metricsRequireToken: boolean;
}

/**
 * Where the bot API listens. Saved to the settings only: the running server keeps its address until
 * the next start, so the screen says which address is in force and which one is waiting.
 */
export function ApiAddressForm({ saved, running }: { saved: ApiSettings; running: ApiInfo }) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(saved);
  const [status, setStatus] = useState<string | null>(null);
  const errors = fieldErrors(apiSettingsSchema, draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const pending = saved.port !== running.port || saved.host !== running.host;

  const save = async () => {
    setStatus(null);
    try {
      await transport.call('settings.set', { api: draft });
      const text = savedText('Bot API address', changedPaths(saved, draft));
      toast(
        text.tone,
        text.title,
        text.detail && `${text.detail.slice(0, -1)}; takes effect at the next start.`,
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['settings.get'] }),
        client.invalidateQueries({ queryKey: ['api.info'] }),
      ]);
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  return (
    <form
      className="api-address"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="api-address"
    >
      <div className="field">
        <label htmlFor="api-port">Port</label>
        <input
          id="api-port"
          type="number"
          className="narrow"
          value={Number.isNaN(draft.port) ? '' : draft.port}
          onChange={(e) => setDraft({ ...draft, port: e.target.valueAsNumber })}
          aria-invalid={errors.has('port')}
          data-testid="api-port"
        />
        <ErrorNote message={errors.get('port')} />
      </div>
      <div className="field">
        <label htmlFor="api-host">Listen on</label>
        <input
          id="api-host"
          value={draft.host}
          spellCheck={false}
          onChange={(e) => setDraft({ ...draft, host: e.target.value })}
          aria-invalid={errors.has('host')}
          data-testid="api-host"
        />
        <ErrorNote message={errors.get('host')} />
      </div>
      <Checkbox
        checked={draft.metricsRequireToken}
        onChange={(checked) => setDraft({ ...draft, metricsRequireToken: checked })}
        testId="api-metrics-token"
      >
        /metrics needs the token (always, off loopback)
      </Checkbox>
      {isLoopbackHost(draft.host) ? null : (
        <p className="warning small" role="note" data-testid="api-host-warning">
          Off loopback, bots on the network can reach Haltwatch: it will only start with a token you chose
          (--token or HALTWATCH_TOKEN), and refuses to start otherwise.
        </p>
      )}
      <div className="toolbar">
        <button type="submit" disabled={!dirty || errors.size > 0} data-testid="api-address-save">
          Save address
        </button>
        <span
          role="status"
          className={status ? 'error small' : 'muted small'}
          data-testid="api-address-state"
        >
          {status ??
            (dirty
              ? 'Unsaved changes; port and address take effect at the next start'
              : pending
                ? `Saved: ${saved.host}:${saved.port} takes effect at the next start; running on ${running.host}:${running.port}`
                : 'Port and address changes take effect at the next start')}
        </span>
      </div>
    </form>
  );
}
