import { useState } from 'react';
import { useCall } from '../app/queries.ts';
import { SecretValueForm } from './SecretValueForm.tsx';
import { MASK, secretRefName } from './secrets.ts';

const NEW = '\u0000new';

/**
 * A field that takes `{ "secret": "NAME" }`: pick a stored secret or store a new one. Only the
 * reference goes into the service; a stored value is never shown, only `NAME ••••••`.
 */
export function SecretRefInput({
  id,
  value,
  onChange,
  testId,
}: {
  id: string;
  value: unknown;
  onChange: (ref: { secret: string } | undefined) => void;
  testId: string;
}) {
  const stored = useCall('secrets.list').data;
  const chosen = secretRefName(value);
  const [picking, setPicking] = useState(chosen === null);
  const [creating, setCreating] = useState(false);
  const names = stored?.names ?? [];

  if (chosen !== null && !picking)
    return (
      <span className="secret" data-testid={testId}>
        <code data-testid={`${testId}-masked`}>
          {chosen} {MASK}
        </code>{' '}
        {stored && !names.includes(chosen) ? (
          <span className="error small">not stored here: add it or set HALTWATCH_SECRET_{chosen}</span>
        ) : null}
        <button type="button" className="secondary icon" onClick={() => setPicking(true)}>
          Change
        </button>
      </span>
    );

  const choose = (name: string) => {
    onChange({ secret: name });
    setCreating(false);
    setPicking(false);
  };
  return (
    <span className="secret-pick">
      <select
        id={id}
        value={creating ? NEW : (chosen ?? '')}
        onChange={(e) => {
          if (e.target.value === NEW) return setCreating(true);
          setCreating(false);
          if (e.target.value === '') onChange(undefined);
          else choose(e.target.value);
        }}
        data-testid={`${testId}-pick`}
      >
        <option value="">choose a secret…</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n} {MASK}
          </option>
        ))}
        {chosen !== null && !names.includes(chosen) ? <option value={chosen}>{chosen}</option> : null}
        <option value={NEW}>New secret…</option>
      </select>
      {creating ? (
        <SecretValueForm testId={`${testId}-new`} onSaved={choose} onCancel={() => setCreating(false)} />
      ) : null}
      {stored?.problem ? <span className="error small">{stored.problem}</span> : null}
    </span>
  );
}
