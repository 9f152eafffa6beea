import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, tempDir } from './sample-data.ts';

const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');
const KILLS = 50;
const MAX_KILL_DELAY_MS = 80;

afterAll(cleanupTempDirs);

/** A seeded generator (mulberry32), so a failing sequence of kill delays can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Life {
  restoredLastId: number;
  committed: number[];
  stderr: string;
}

interface Writer {
  child: ChildProcessWithoutNullStreams;
  stderr: string;
}

/** Starts a writer that loads its modules and waits to be let in (see crash-writer.ts). */
function startWriter(dir: string): Writer {
  const child = spawn(process.execPath, [WRITER, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const writer = { child, stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (writer.stderr += chunk.toString()));
  return writer;
}

/** Lets the writer in, lets it write for `delayMs` after it is ready, then SIGKILLs it. */
function liveAndDie(writer: Writer, delayMs: number): Promise<Life> {
  const { child } = writer;
  return new Promise((resolve, reject) => {
    let buffered = '';
    const life: Life = { restoredLastId: -1, committed: [], stderr: '' };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ready ')) {
          life.restoredLastId = Number(line.slice(6));
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        } else life.committed.push(Number(line));
      }
    });
    child.on('error', reject);
    // 'close' rather than 'exit': every line the writer printed before it died has been read.
    child.on('close', () => resolve({ ...life, stderr: writer.stderr }));
    child.stdin.write('go\n');
  });
}

describe('crash safety', () => {
  it(`loses no committed row across ${KILLS} SIGKILLs while writing`, { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const committed: number[] = [];
    let lastPrinted = 0;
    // The next writer loads while the last one writes; it opens the database only after the kill.
    let waiting = startWriter(dir);
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const writer = waiting;
        if (kill + 1 < KILLS) waiting = startWriter(dir);
        const life = await liveAndDie(writer, Math.floor(next() * MAX_KILL_DELAY_MS));
        expect(life.stderr, `life ${kill} (seed ${seed})`).toBe('');
        // The engine state it restored is at least as new as the last run it reported committed.
        expect(life.restoredLastId, `life ${kill} (seed ${seed})`).toBeGreaterThanOrEqual(lastPrinted);
        committed.push(...life.committed);
        lastPrinted = life.committed.at(-1) ?? lastPrinted;
      }
    } finally {
      waiting.child.kill('SIGKILL'); // the one started for a life that never came, if a life failed
    }
    expect(committed.length).toBeGreaterThan(KILLS);

    const { store, notice } = openStore({ dir, clock: new ManualClock(), scheduleRetention: false });
    expect(notice).toBeNull();
    const missing = committed.filter((id) => store.checkRun(id)?.results.length !== 20);
    expect(missing, `seed ${seed}`).toEqual([]);
    const read = store.readEngineState();
    if (read.kind !== 'saved') throw new Error(`seed ${seed}: no engine state (${read.kind})`);
    const state = read.state as { lastCheckId: number };
    expect(state.lastCheckId).toBeGreaterThanOrEqual(lastPrinted);
    expect(store.checkRun(state.lastCheckId)?.results).toHaveLength(20);
    store.close();

    const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Rollups were committed with their rows: the daily counts add up to the stored results.
    const raw = db.prepare('SELECT count(*) AS n FROM probe_results').get() as { n: number };
    const rolled = db.prepare('SELECT sum(count) AS n FROM rollup_day').get() as { n: number };
    expect(rolled.n).toBe(raw.n);
    db.close();
  });
});
