import type { Anchor, Checkpoint, ScheduleEntry } from '../../../shared/schedule.ts';
import { ErrorNote } from '../ui/ErrorNote.tsx';

const numberOrUndefined = (input: HTMLInputElement) => (input.value === '' ? undefined : input.valueAsNumber);

export function EntryRow({
  index,
  entry,
  errors,
  checkpoints,
  anchors,
  onChange,
  onRemove,
}: {
  index: number;
  entry: ScheduleEntry;
  errors: Map<string, string>;
  checkpoints: readonly Checkpoint[];
  anchors: readonly Anchor[];
  onChange: (next: ScheduleEntry) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => errors.get(`entries[${index}].${field}`);
  const set = <K extends keyof ScheduleEntry>(key: K, value: ScheduleEntry[K]) =>
    onChange({ ...entry, [key]: value });
  const num = (key: 'offsetMinutes' | 'priority' | 'expirySeconds', label: string) => (
    <td>
      <input
        type="number"
        aria-label={`${label} of ${entry.name}`}
        value={Number.isNaN(entry[key]) ? '' : entry[key]}
        onChange={(e) => set(key, e.target.valueAsNumber)}
        aria-invalid={at(key) !== undefined}
        className="narrow"
      />
      <ErrorNote message={at(key)} />
    </td>
  );
  return (
    <tr data-testid={`entry-${index}`}>
      <td>
        <input
          value={entry.name}
          aria-label={`Name of check ${index + 1}`}
          onChange={(e) => set('name', e.target.value)}
          aria-invalid={at('name') !== undefined}
        />
        <ErrorNote message={at('name')} />
      </td>
      <td>
        <select
          value={entry.checkpoint}
          aria-label={`Checkpoint of ${entry.name}`}
          onChange={(e) => set('checkpoint', e.target.value as Checkpoint)}
        >
          {checkpoints.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </td>
      <td>
        <select
          value={entry.anchor}
          aria-label={`Anchor of ${entry.name}`}
          onChange={(e) => set('anchor', e.target.value as Anchor)}
        >
          {anchors.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </td>
      {num('offsetMinutes', 'Offset')}
      <td>
        <input
          type="number"
          aria-label={`Every (minutes) of ${entry.name}`}
          value={entry.everyMinutes ?? ''}
          onChange={(e) => set('everyMinutes', numberOrUndefined(e.target))}
          aria-invalid={at('everyMinutes') !== undefined}
          className="narrow"
          data-testid={`entry-${index}-every`}
        />
        <ErrorNote message={at('everyMinutes')} />
      </td>
      {num('priority', 'Priority')}
      {num('expirySeconds', 'Expiry')}
      <td>
        <input
          type="checkbox"
          checked={entry.enabled}
          aria-label={`${entry.name} enabled`}
          onChange={(e) => set('enabled', e.target.checked)}
        />
      </td>
      <td>
        <button
          type="button"
          className="secondary icon"
          onClick={onRemove}
          aria-label={`Remove ${entry.name}`}
        >
          ✕
        </button>
      </td>
    </tr>
  );
}
