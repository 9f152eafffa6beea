/**
 * Child process of crash.test.ts: writes check runs as fast as it can and prints each id once its
 * transaction has committed, until the parent kills it. Usage: node crash-writer.ts <data dir>
 * It loads its modules, then waits for a line on stdin before opening the database, so the parent
 * can start the next writer while the last one still runs and let it in once the last one is dead.
 * First line: "ready <lastCheckId of the engine state it restored, or 0>".
 */
import fs from 'node:fs';
import { systemClock } from '../../../electron/core/clock.ts';
import { openStore } from '../../../electron/core/store/index.ts';
import type { ProbeResult } from '../../../shared/probe.ts';

const SERVICES = Array.from({ length: 20 }, (_, i) => `service-${i}`);
const dir = process.argv[2];
if (!dir) throw new Error('usage: node crash-writer.ts <data dir>');

const told = await new Promise<boolean>((resolve) => {
  process.stdin.once('data', () => resolve(true));
  process.stdin.once('end', () => resolve(false));
});
if (!told) process.exit(0);

const { store, notice } = openStore({ dir, clock: systemClock, scheduleRetention: false });
if (notice) {
  fs.writeSync(2, `${notice.message}\n`);
  process.exit(3);
}
const read = store.readEngineState();
const restored = read.kind === 'saved' ? (read.state as { lastCheckId: number }) : null;
fs.writeSync(1, `ready ${restored?.lastCheckId ?? 0}\n`);

function results(at: number, n: number): ProbeResult[] {
  return SERVICES.map((service, i) => ({
    service,
    kind: 'http',
    outcome: (n + i) % 7 === 0 ? 'fail' : 'ok',
    ok: (n + i) % 7 !== 0,
    latencyMs: (n * 13 + i) % 900,
    reason: 'crash test',
    at,
  }));
}

for (let n = 0; ; n++) {
  const at = systemClock.now();
  let id = 0;
  const writeRun = () => {
    id = store.beginCheck({ reason: 'interval', startedAt: at });
    store.finishCheck(id, { finishedAt: at + 1, results: results(at, n) });
    if (n % 5 === 0)
      store.appendAudit({
        at,
        kind: 'manual',
        action: 'thresholds',
        reason: `run ${id}`,
        actor: 'crash-test',
      });
    store.saveEngineState({ lastCheckId: id });
  };
  // Half the runs commit as one transaction, half as several, so kills land between commits too.
  if (n % 2 === 0) store.batch(writeRun);
  else writeRun();
  if (!store.health().persistent) {
    fs.writeSync(2, `write failed: ${store.health().lastError}\n`);
    process.exit(4);
  }
  fs.writeSync(1, `${id}\n`);
}
