import type { KindField } from './kind-fields.ts';
import { EntriesInput } from './EntriesInput.tsx';
import { SecretRefInput } from './SecretRefInput.tsx';

/** One kind-specific field; secrets are chosen or stored by name and shown masked, never their value. */
export function KindInput({
  id,
  noteId,
  field,
  value,
  invalid,
  onChange,
}: {
  id: string;
  noteId: string;
  field: KindField;
  value: unknown;
  invalid: boolean;
  onChange: (v: unknown) => void;
}) {
  const testId = `svc-${field.key}`;
  const common = { id, 'aria-invalid': invalid, 'aria-describedby': noteId, 'data-testid': testId };
  switch (field.type) {
    case 'number':
      return (
        <input
          {...common}
          type="number"
          value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.valueAsNumber)}
        />
      );
    case 'select':
      return (
        <select
          {...common}
          value={String(value ?? field.options?.[0]?.value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        >
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'secret':
      return <SecretRefInput id={id} value={value} onChange={onChange} testId={testId} />;
    case 'entries':
      return (
        <EntriesInput
          id={id}
          value={value}
          onChange={onChange}
          keyLabel={field.keyLabel ?? 'Name'}
          testId={testId}
        />
      );
    case 'textarea':
      return (
        <textarea
          {...common}
          rows={3}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          placeholder={field.placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
