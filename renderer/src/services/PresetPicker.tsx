import { KIND_LABELS } from './kind-fields.ts';
import { SERVICE_PRESETS, type ServicePreset } from './presets.ts';

/** Starter services for common setups: picking one fills the form, which the person then saves. */
export function PresetPicker({ onPick }: { onPick: (preset: ServicePreset) => void }) {
  return (
    <section className="panel" aria-labelledby="presets-title" data-testid="presets">
      <h2 id="presets-title">Start from a preset</h2>
      <p className="muted small">
        A typical setup: your broker (critical), market data, and your bot&apos;s heartbeat. A preset only
        fills the form; you check it and save.
      </p>
      <ul className="preset-list">
        {SERVICE_PRESETS.map((preset) => (
          <li key={preset.id}>
            <button
              type="button"
              className="secondary preset"
              onClick={() => onPick(preset)}
              data-testid={`preset-${preset.id}`}
            >
              <strong>{preset.title}</strong>
              <span className="muted small">{KIND_LABELS[preset.service.kind]}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
