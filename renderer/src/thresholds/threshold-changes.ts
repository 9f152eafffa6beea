import { durationText } from '../../../shared/duration.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { valueText, type Change } from '../toasts/change-text.ts';
import { readField, THRESHOLD_GROUPS, type ThresholdField } from './threshold-fields.ts';

const OPERATOR_FLAGS = [
  ['requireConfirmationToLeaveHalt', 'leaving HALT needs confirmation'],
  ['flattenOnHalt', 'flatten advice in HALT'],
] as const;

function shown(field: ThresholdField, value: number): string {
  if (field.unit === 'duration') return durationText(value);
  if (field.unit === 'ms') return `${value} ms`;
  if (field.unit === '%') return `${value} %`;
  return String(value);
}

/** Each threshold that differs, named as the form names it: "Latency ALERT at 500 ms → 300 ms". */
export function thresholdChanges(before: Thresholds, after: Thresholds): Change[] {
  const numbers = THRESHOLD_GROUPS.flatMap((group) =>
    group.fields
      .filter((field) => readField(before, field.path) !== readField(after, field.path))
      .map((field) => ({
        label: `${group.title} ${field.label}`,
        before: shown(field, readField(before, field.path)),
        after: shown(field, readField(after, field.path)),
      })),
  );
  const flags = OPERATOR_FLAGS.filter(([key]) => before[key] !== after[key]).map(([key, label]) => ({
    label,
    before: valueText(before[key]),
    after: valueText(after[key]),
  }));
  return [...numbers, ...flags];
}
