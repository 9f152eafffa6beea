import { create } from 'zustand';
import type { ProbeResult } from '../../shared/probe.ts';

interface CheckProgress {
  checkId: number | null;
  services: string[];
  results: Record<string, ProbeResult>;
  started(checkId: number, services: string[]): void;
  result(checkId: number, result: ProbeResult): void;
  finished(checkId: number): void;
}

/** The check in progress, probe by probe, from the engine's events. */
export const useCheckProgress = create<CheckProgress>((set) => ({
  checkId: null,
  services: [],
  results: {},
  started: (checkId, services) => set({ checkId, services, results: {} }),
  result: (checkId, result) =>
    set((s) => (s.checkId === checkId ? { results: { ...s.results, [result.service]: result } } : s)),
  finished: (checkId) =>
    set((s) => (s.checkId === checkId ? { checkId: null, services: [], results: {} } : s)),
}));
