import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTransport } from '../transport-context.tsx';
import { SECRET_QUERIES } from './secrets.ts';
import { toast } from '../toasts/toast-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

/**
 * A secret's value goes to `secrets.set` and nowhere else: it lives in this form's state only until
 * it is saved (then cleared) or the form closes. `fixedName` replaces an existing secret's value.
 */
export function SecretValueForm({
  fixedName,
  onSaved,
  onCancel,
  testId,
}: {
  fixedName?: string;
  onSaved: (name: string) => void;
  onCancel?: () => void;
  testId: string;
}) {
  const transport = useTransport();
  const client = useQueryClient();
  const nameId = useId();
  const valueId = useId();
  const [name, setName] = useState(fixedName ?? '');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const save = async () => {
    setPending(true);
    setError(null);
    try {
      const saved = name.trim();
      await transport.call('secrets.set', { name: saved, value });
      toast('done', `Secret ${saved} saved`, 'Its value is kept encrypted and never shown again.');
      setValue('');
      await Promise.all(SECRET_QUERIES.map((m) => client.invalidateQueries({ queryKey: [m] })));
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="secret-form" data-testid={testId}>
      {fixedName === undefined ? (
        <span className="field">
          <label htmlFor={nameId}>Secret name</label>
          <input
            id={nameId}
            value={name}
            placeholder="e.g. BROKER_KEY"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
            data-testid={`${testId}-name`}
          />
        </span>
      ) : null}
      <span className="field">
        <label htmlFor={valueId}>{fixedName === undefined ? 'Value' : `New value of ${fixedName}`}</label>
        <input
          id={valueId}
          type="password"
          value={value}
          autoComplete="new-password"
          spellCheck={false}
          onChange={(e) => setValue(e.target.value)}
          data-testid={`${testId}-value`}
        />
      </span>
      <span className="button-row">
        <button
          type="button"
          disabled={pending || name.trim() === '' || value === ''}
          onClick={() => void save()}
          data-testid={`${testId}-save`}
        >
          {pending ? 'Saving…' : 'Save secret'}
        </button>
        {onCancel ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setValue('');
              onCancel();
            }}
          >
            Cancel
          </button>
        ) : null}
      </span>
      {error ? (
        <span role="alert" className="error small field-error" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
