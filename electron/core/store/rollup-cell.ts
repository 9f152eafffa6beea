import { binOf, histogramP95, histogramQuantile, mergeInto, type Histogram } from './latency-histogram.ts';

/** The statistics of one bucket. Latency statistics count successful probes only. */
export interface RollupCell {
  count: number;
  failures: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
  hist: Histogram;
}

export function emptyCell(): RollupCell {
  return { count: 0, failures: 0, latencySum: 0, latencyMin: null, latencyMax: null, hist: new Map() };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** `bin` is binOf(latencyMs), passed by a caller that adds one sample to several cells. */
export function addToCell(cell: RollupCell, ok: boolean, latencyMs: number, bin = binOf(latencyMs)): void {
  cell.count += 1;
  if (!ok) {
    cell.failures += 1;
    return;
  }
  cell.latencySum += latencyMs;
  cell.latencyMin = minOf(cell.latencyMin, latencyMs);
  cell.latencyMax = maxOf(cell.latencyMax, latencyMs);
  cell.hist.set(bin, (cell.hist.get(bin) ?? 0) + 1);
}

export function mergeCellInto(target: RollupCell, source: RollupCell): void {
  target.count += source.count;
  target.failures += source.failures;
  target.latencySum += source.latencySum;
  target.latencyMin = minOf(target.latencyMin, source.latencyMin);
  target.latencyMax = maxOf(target.latencyMax, source.latencyMax);
  mergeInto(target.hist, source.hist);
}

export function cellP95(cell: RollupCell): number | null {
  if (cell.latencyMin === null || cell.latencyMax === null) return null;
  return histogramP95(cell.hist, cell.latencyMin, cell.latencyMax);
}

export function cellP50(cell: RollupCell): number | null {
  if (cell.latencyMin === null || cell.latencyMax === null) return null;
  return histogramQuantile(cell.hist, 0.5, cell.latencyMin, cell.latencyMax);
}

/** A cell's statistics in chart-point order (see chart-points.ts): what a series shows of it. */
export function cellStats(
  cell: RollupCell,
): [number, number, number, number | null, number | null, number | null, number | null] {
  return [
    cell.count,
    cell.failures,
    cell.latencySum,
    cell.latencyMin,
    cell.latencyMax,
    cellP50(cell),
    cellP95(cell),
  ];
}
