const UNITS = [
  { below: 120_000, ms: 1_000, name: 's' },
  { below: 7_200_000, ms: 60_000, name: 'min' },
  { below: Number.POSITIVE_INFINITY, ms: 3_600_000, name: 'h' },
] as const;

/**
 * "= 0.5 s", "= 2.5 min", "= 24 h": a millisecond setting in the unit a person reads, with "≈"
 * when three decimals do not hold it exactly. Empty for what is not a positive number.
 */
export function durationHint(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  const unit = UNITS.find((u) => ms < u.below)!;
  const shown = Number((ms / unit.ms).toFixed(3));
  return `${Math.abs(shown * unit.ms - ms) < 1e-6 ? '=' : '≈'} ${shown} ${unit.name}`;
}
