import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProbeResult } from '../../../shared/probe.ts';

/** Temp folders for one test file; removed by cleanupTempDirs(). */
const made: string[] = [];
export function tempDir(prefix = 'haltwatch-store-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function okResult(
  service: string,
  at: number,
  latencyMs: number,
  extra: Partial<ProbeResult> = {},
): ProbeResult {
  return { service, kind: 'http', outcome: 'ok', ok: true, latencyMs, reason: 'HTTP 200', at, ...extra };
}

export function failedResult(service: string, at: number, reason = 'HTTP 503', latencyMs = 40): ProbeResult {
  return { service, kind: 'http', outcome: 'fail', ok: false, latencyMs, reason, at };
}
