import { useMemo, useState } from 'react';
import type { MethodResult } from '../../../shared/contract.ts';
import {
  THRESHOLD_PRESET_NAMES,
  thresholdsPresetName,
  thresholdsSchema,
  type Thresholds,
} from '../../../shared/thresholds.ts';
import { fieldErrors } from '../ui/fieldErrors.ts';
import { useCall } from '../app/queries.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { useTransport } from '../transport-context.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../ui/QueryView.tsx';
import { ReplayPanel } from './ReplayPanel.tsx';
import { ServiceBreakers } from './ServiceBreakers.tsx';
import { ThresholdsForm } from './ThresholdsForm.tsx';
import { thresholdChanges } from './threshold-changes.ts';
import { savedText } from '../toasts/change-text.ts';
import { toast } from '../toasts/toast-store.ts';

export function ThresholdsScreen() {
  const query = useCall('thresholds.get');
  return (
    <div className="screen" data-testid="screen-thresholds">
      <h1>Thresholds</h1>
      <QueryView query={query} what="the thresholds">
        {(data) => <ThresholdsEditor loaded={data} />}
      </QueryView>
      <ServiceBreakers />
    </div>
  );
}

function ThresholdsEditor({ loaded }: { loaded: MethodResult<'thresholds.get'> }) {
  const transport = useTransport();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Thresholds>(loaded.thresholds);
  const errors = useMemo(() => fieldErrors(thresholdsSchema, draft), [draft]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(loaded.thresholds);
  const draftPreset = thresholdsPresetName(draft);
  const save = {
    title: 'Save the thresholds',
    description: 'The level engine uses the new thresholds at once.',
    confirmLabel: 'Save thresholds',
    run: async (reason: string) => {
      const applied = await transport.call('thresholds.set', { thresholds: draft, reason });
      const text = savedText('Thresholds', thresholdChanges(loaded.thresholds, applied));
      toast(text.tone, text.title, text.detail);
      await client.invalidateQueries({ queryKey: ['thresholds.get'] });
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('history.') });
    },
  };
  return (
    <>
      <div className="toolbar presets" role="group" aria-label="Presets">
        <span>
          In force: <strong data-testid="preset-current">{loaded.preset}</strong>
          {dirty ? (
            <>
              {' '}
              · editing: <strong data-testid="preset-draft">{draftPreset}</strong>
            </>
          ) : null}
        </span>
        {THRESHOLD_PRESET_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            className="secondary"
            aria-pressed={draftPreset === name}
            onClick={() => setDraft(loaded.presets[name])}
            data-testid={`preset-${name}`}
          >
            {name}
          </button>
        ))}
      </div>
      <ThresholdsForm draft={draft} saved={loaded.thresholds} errors={errors} onChange={setDraft} />
      {errors.has('(root)') ? <p className="error">{errors.get('(root)')}</p> : null}
      <ReplayPanel draft={draft} valid={errors.size === 0} />
      <div className="toolbar save-bar">
        <ActionButton action={save} disabled={!dirty || errors.size > 0} testId="thresholds-save">
          Save thresholds…
        </ActionButton>
        <button
          type="button"
          className="secondary"
          disabled={!dirty}
          onClick={() => setDraft(loaded.thresholds)}
          data-testid="thresholds-revert"
        >
          Revert
        </button>
        <span className="muted" role="status" data-testid="thresholds-state">
          {errors.size > 0
            ? `${errors.size} field${errors.size === 1 ? '' : 's'} to fix`
            : dirty
              ? 'Unsaved changes'
              : 'No unsaved changes'}
        </span>
      </div>
    </>
  );
}
