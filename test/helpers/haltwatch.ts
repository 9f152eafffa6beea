import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHaltwatch, type Haltwatch, type HaltwatchOptions } from '../../electron/core/haltwatch.ts';

/** A Saturday afternoon: no scheduled check falls due while a test moves time. */
export const QUIET_START = Date.UTC(2026, 10, 21, 15, 0);

const opened = new Set<Haltwatch>();

/** A fresh owner-only temp data folder. */
export function tempDataDir(prefix = 'haltwatch-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The one way tests run the whole application: `openHaltwatch` on a data folder, silent unless a
 * log is given, remembered so `closeTestHaltwatches` closes whatever a test left open.
 */
export function openTestHaltwatch(options: HaltwatchOptions): Haltwatch {
  const haltwatch = openHaltwatch({ log: () => {}, ...options });
  const tracked: Haltwatch = {
    ...haltwatch,
    close() {
      if (!opened.delete(tracked)) return;
      haltwatch.close();
    },
  };
  opened.add(tracked);
  return tracked;
}

/** Closes every Haltwatch a test opened and did not close (the store flushes, timers stop). */
export function closeTestHaltwatches(): void {
  for (const haltwatch of [...opened]) haltwatch.close();
}
