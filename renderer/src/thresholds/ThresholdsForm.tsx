import { useId, useState } from 'react';
import { durationText } from '../../../shared/duration.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { Checkbox } from '../ui/Checkbox.tsx';
import { durationHint } from '../ui/duration-hint.ts';
import { DurationInput } from '../ui/DurationInput.tsx';
import {
  fieldKey,
  readField,
  THRESHOLD_GROUPS,
  writeField,
  type ThresholdField,
} from './threshold-fields.ts';

/** Every threshold as a labelled input with its error beside it; booleans as checkboxes. */
export function ThresholdsForm({
  draft,
  saved,
  errors,
  onChange,
}: {
  draft: Thresholds;
  saved: Thresholds;
  errors: Map<string, string>;
  onChange: (next: Thresholds) => void;
}) {
  return (
    <div className="threshold-groups">
      {THRESHOLD_GROUPS.map((group) => (
        <fieldset key={group.title} className="panel">
          <legend>{group.title}</legend>
          <p className="muted small">{group.hint}</p>
          {group.fields.map((field) => (
            <NumberField
              key={fieldKey(field.path)}
              field={field}
              value={readField(draft, field.path)}
              savedValue={readField(saved, field.path)}
              error={errors.get(fieldKey(field.path))}
              onChange={(value) => onChange(writeField(draft, field.path, value))}
            />
          ))}
        </fieldset>
      ))}
      <fieldset className="panel">
        <legend>Operator</legend>
        <Checkbox
          checked={draft.requireConfirmationToLeaveHalt}
          onChange={(checked) => onChange({ ...draft, requireConfirmationToLeaveHalt: checked })}
          testId="field-requireConfirmationToLeaveHalt"
        >
          Leaving HALT needs operator confirmation
        </Checkbox>
        <Checkbox
          checked={draft.flattenOnHalt}
          onChange={(checked) => onChange({ ...draft, flattenOnHalt: checked })}
          testId="field-flattenOnHalt"
        >
          In HALT, advise the bot to flatten its positions
        </Checkbox>
      </fieldset>
    </div>
  );
}

function NumberField({
  field,
  value,
  savedValue,
  error,
  onChange,
}: {
  field: ThresholdField;
  value: number;
  savedValue: number;
  error: string | undefined;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const key = fieldKey(field.path);
  const changed = value !== savedValue;
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const problem = unreadable ?? error;
  const common = {
    id,
    'aria-invalid': problem !== undefined,
    'aria-describedby': `${id}-note`,
    'data-testid': `field-${key}`,
  };
  const duration = field.unit === 'duration';
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {field.label} <span className="muted">({duration ? '90s, 5m, 1h' : field.unit})</span>
      </label>
      {duration ? (
        <DurationInput
          {...common}
          value={value}
          unit="ms"
          onChange={(next, why) => {
            setUnreadable(why);
            onChange(next);
          }}
        />
      ) : (
        <input
          {...common}
          type="number"
          step={field.step}
          value={Number.isNaN(value) ? '' : value}
          onChange={(e) => onChange(e.target.valueAsNumber)}
        />
      )}
      <span
        id={`${id}-note`}
        className={problem ? 'error small' : 'muted small'}
        data-testid={`error-${key}`}
      >
        {problem ??
          [
            field.unit === 'ms' || duration ? durationHint(value) : '',
            changed ? `was ${duration ? durationText(savedValue) : savedValue}` : '',
          ]
            .filter(Boolean)
            .join(' · ')}
      </span>
    </div>
  );
}
