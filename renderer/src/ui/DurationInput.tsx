import { useState, type InputHTMLAttributes } from 'react';
import { DURATION_UNITS, durationText, parseDuration, type DurationUnit } from '../../../shared/duration.ts';

/**
 * A duration typed as people say it (`90s`, `5m`, `1h`, or a bare number in `unit`), handed on as a
 * number of `unit`s; unreadable text hands on NaN and its message (empty text: NaN, no message, so
 * the form's own "required" applies).
 */
export function DurationInput({
  value,
  unit,
  onChange,
  ...input
}: {
  value: number;
  unit: DurationUnit;
  onChange: (value: number, problem: string | null) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const textOf = (v: number) => (Number.isFinite(v) ? durationText(v * DURATION_UNITS[unit]) : '');
  const [text, setText] = useState(() => textOf(value));
  const read = (t: string) => {
    const parsed = parseDuration(t, unit);
    return parsed.ok ? parsed.ms / DURATION_UNITS[unit] : Number.NaN;
  };
  // A value set from outside (a preset, a revert) replaces what was typed.
  if (Number.isFinite(value) && value !== read(text)) setText(textOf(value));
  return (
    <input
      {...input}
      value={text}
      spellCheck={false}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') return onChange(Number.NaN, null);
        const parsed = parseDuration(next, unit);
        if (parsed.ok) onChange(parsed.ms / DURATION_UNITS[unit], null);
        else onChange(Number.NaN, parsed.message);
      }}
    />
  );
}
