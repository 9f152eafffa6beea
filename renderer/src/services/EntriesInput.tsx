import { useId, useState } from 'react';
import { SecretRefInput } from './SecretRefInput.tsx';
import { isSecretRef } from './secrets.ts';

type EntryValue = string | { secret: string };
interface Row {
  id: number;
  key: string;
  value: EntryValue;
}

const EMPTY_REF = { secret: '' };

function rowsOf(value: unknown): Row[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).map(([key, v], id) => ({
    id,
    key,
    value: isSecretRef(v) ? { secret: String(v.secret) } : String(v),
  }));
}

/**
 * Name → text-or-secret pairs (HTTP headers and query, command environment). Rows are kept here so
 * a key can be edited without the row jumping; the service gets them as one object.
 */
export function EntriesInput({
  id,
  value,
  onChange,
  keyLabel,
  testId,
}: {
  id: string;
  value: unknown;
  onChange: (record: Record<string, EntryValue>) => void;
  keyLabel: string;
  testId: string;
}) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const prefix = useId();
  const update = (next: Row[]) => {
    setRows(next);
    onChange(Object.fromEntries(next.map((r) => [r.key, r.value])));
  };
  const change = (rowId: number, patch: Partial<Row>) =>
    update(rows.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));
  const keys = rows.map((r) => r.key);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);

  return (
    <div className="entries-input" id={id} data-testid={testId}>
      {rows.map((row, i) => {
        const secret = typeof row.value !== 'string';
        return (
          <div className="entry-row" key={row.id} data-testid={`${testId}-row-${i}`}>
            <input
              aria-label={`${keyLabel} ${i + 1}`}
              value={row.key}
              placeholder={keyLabel}
              spellCheck={false}
              onChange={(e) => change(row.id, { key: e.target.value })}
              data-testid={`${testId}-key-${i}`}
            />
            <select
              aria-label={`kind of value ${i + 1}`}
              value={secret ? 'secret' : 'text'}
              onChange={(e) => change(row.id, { value: e.target.value === 'secret' ? EMPTY_REF : '' })}
              data-testid={`${testId}-mode-${i}`}
            >
              <option value="text">text</option>
              <option value="secret">secret</option>
            </select>
            {secret ? (
              <SecretRefInput
                id={`${prefix}-${row.id}`}
                value={row.value}
                onChange={(ref) => change(row.id, { value: ref ?? EMPTY_REF })}
                testId={`${testId}-secret-${i}`}
              />
            ) : (
              <input
                aria-label={`value ${i + 1}`}
                value={row.value as string}
                onChange={(e) => change(row.id, { value: e.target.value })}
                data-testid={`${testId}-value-${i}`}
              />
            )}
            <button
              type="button"
              className="secondary icon"
              aria-label={`remove ${row.key || `row ${i + 1}`}`}
              onClick={() => update(rows.filter((r) => r.id !== row.id))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary icon"
        onClick={() =>
          update([...rows, { id: Math.max(-1, ...rows.map((r) => r.id)) + 1, key: '', value: '' }])
        }
        data-testid={`${testId}-add`}
      >
        Add {keyLabel.toLowerCase()}
      </button>
      {duplicate !== undefined ? (
        <span className="error small field-error" role="alert">
          “{duplicate}” is listed twice: only the last one counts
        </span>
      ) : null}
    </div>
  );
}
