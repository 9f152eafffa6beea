import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreHealth } from '../../../shared/history.ts';
import { openConnection } from '../../../electron/core/store/connection.ts';
import { Store, openStore, parseRetention } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { cleanupTempDirs, okResult, tempDir } from './sample-data.ts';

const T0 = Date.UTC(2026, 2, 9, 13, 30);
const STAMP = '2026-03-09T13-30-00.000Z';

afterEach(cleanupTempDirs);

function open(dir: string) {
  return openStore({ dir, clock: new ManualClock(T0), scheduleRetention: false });
}

describe('opening the history database', () => {
  it('creates a WAL database with the agreed settings', () => {
    const dir = tempDir();
    const { store, notice } = open(dir);
    expect(notice).toBeNull();
    expect(store.health()).toEqual({
      persistent: true,
      lastError: null,
      droppedWrites: 0,
      file: path.join(dir, 'haltwatch.db'),
    });
    store.close();
    const db = new Database(path.join(dir, 'haltwatch.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    db.close();
    const conn = openConnection(path.join(dir, 'haltwatch.db'));
    expect(conn.pragma('synchronous', { simple: true })).toBe(1);
    expect(conn.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(conn.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    conn.close();
  });

  it('moves a file that is not a database aside with its WAL, starts fresh and says where it went', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    fs.writeFileSync(file, 'this is not SQLite, it is a shopping list\n'.repeat(200));
    fs.writeFileSync(`${file}-wal`, 'leftover');
    const { store, notice } = open(dir);
    const movedTo = `${file}.corrupt-${STAMP}`;
    expect(notice).toEqual({ kind: 'moved_aside', movedTo, message: expect.stringContaining(movedTo) });
    expect(notice?.message).toMatch(/not a database/);
    expect(fs.readFileSync(movedTo, 'utf8')).toMatch(/^this is not SQLite/);
    expect(fs.readFileSync(`${movedTo}-wal`, 'utf8')).toBe('leftover');
    expect(store.health().persistent).toBe(true);
    store.appendAudit({ at: T0, kind: 'manual', action: 'kill', reason: 'test', actor: 'me' });
    expect(store.audit({ limit: 5 }).total).toBe(1);
    store.close();
  });

  it('moves a Haltwatch database with a damaged schema page aside', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    const first = open(dir);
    first.store.appendAudit({ at: T0, kind: 'manual', action: 'kill', reason: 'test', actor: 'me' });
    first.store.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    fs.closeSync(fd);
    const { store, notice } = open(dir);
    expect(notice?.kind).toBe('moved_aside');
    expect(notice?.message).toMatch(/malformed|not a database/);
    expect(fs.existsSync(notice?.movedTo ?? '')).toBe(true);
    expect(store.audit({ limit: 5 }).total).toBe(0);
    store.close();
  });

  it('moves a SQLite database of another application aside instead of writing into it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    foreign.close();
    const { store, notice } = open(dir);
    expect(notice?.kind).toBe('moved_aside');
    expect(notice?.message).toMatch(/not a Haltwatch history database/);
    const moved = new Database(notice?.movedTo ?? '', { readonly: true });
    expect(moved.prepare('SELECT name FROM recipes').all()).toEqual([{ name: 'soup' }]);
    moved.close();
    store.close();
  });

  it('keeps history in memory when the folder cannot hold a database, and says so', () => {
    const parent = tempDir();
    const notADir = path.join(parent, 'file');
    fs.writeFileSync(notADir, 'x');
    const { store, notice } = open(notADir);
    expect(notice?.kind).toBe('in_memory');
    expect(notice?.message).toMatch(/History is not being saved/);
    expect(store.health()).toMatchObject({ persistent: false, file: null });
    const id = store.beginCheck({ reason: 'manual', startedAt: T0 });
    store.finishCheck(id, { finishedAt: T0 + 1, results: [okResult('broker', T0, 5)] });
    expect(store.checkRun(id)?.results).toHaveLength(1);
    store.close();
  });

  it('rejects a bad retention policy with the field and value', () => {
    expect(() => openStore({ dir: null, clock: new ManualClock(), retention: { rawDays: 0 } })).toThrow(
      /retention: rawDays: .*\(got 0\)/,
    );
    expect(() => parseRetention({ hourRollupDays: 1.5 })).toThrow(
      /retention: hourRollupDays: .*\(got 1\.5\)/,
    );
  });
});

describe('a disk that refuses writes', () => {
  it('disk full: writes are dropped without throwing, health says so, and it recovers when space returns', () => {
    const dir = tempDir();
    const db = openConnection(path.join(dir, 'haltwatch.db'));
    const store = new Store({
      db,
      clock: new ManualClock(T0),
      retention: parseRetention({}),
      file: 'x',
      scheduleRetention: false,
    });
    const changes: StoreHealth[] = [];
    store.onHealthChange((health) => changes.push(health));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);

    const big = 'x'.repeat(20_000);
    let id = 0;
    expect(() => {
      id = store.beginCheck({ reason: 'manual', startedAt: T0 });
      store.finishCheck(id, { finishedAt: T0 + 1, results: [okResult('broker', T0, 5, { reason: big })] });
      store.saveEngineState({ level: 'HALT', note: big });
    }).not.toThrow();
    expect(store.health()).toMatchObject({
      persistent: false,
      lastError: expect.stringMatching(/database or disk is full/),
    });
    expect(store.health().droppedWrites).toBeGreaterThan(0);
    expect(changes).toEqual([expect.objectContaining({ persistent: false })]);
    // The engine state is still handed back from memory.
    expect(store.readEngineState()).toEqual({ kind: 'saved', state: { level: 'HALT', note: big } });

    db.pragma('max_page_count = 1000000');
    store.finishCheck(id, { finishedAt: T0 + 2, results: [okResult('broker', T0, 5)] });
    expect(store.health().persistent).toBe(true);
    expect(changes.at(-1)).toMatchObject({ persistent: true });
    expect(store.checkRun(id)).toMatchObject({ finishedAt: T0 + 2, reason: 'manual' });
    store.close();
  });

  it('a run whose start could not be saved gets a provisional id and is saved whole when it finishes', () => {
    const db = openConnection(path.join(tempDir(), 'haltwatch.db'));
    const store = new Store({
      db,
      clock: new ManualClock(T0),
      retention: parseRetention({}),
      file: 'x',
      scheduleRetention: false,
    });
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let id = 1;
    for (let tries = 0; tries < 5000 && id > 0; tries++) {
      id = store.beginCheck({
        reason: 'scheduled',
        checkpoint: `close-${'x'.repeat(50)}`,
        dueAt: T0,
        startedAt: T0,
      });
    }
    expect(id).toBeLessThan(0);
    expect(store.health().persistent).toBe(false);

    db.pragma('max_page_count = 1000000');
    store.finishCheck(id, { finishedAt: T0 + 9, results: [okResult('broker', T0, 5)] });
    expect(store.health().persistent).toBe(true);
    const savedId = store.recentResults({ limit: 1 })[0]?.checkId ?? 0;
    expect(savedId).toBeGreaterThan(0);
    expect(store.checkRun(savedId)).toMatchObject({
      reason: 'scheduled',
      dueAt: T0,
      finishedAt: T0 + 9,
      allHealthy: true,
    });
    store.close();
  });

  it('read-only database: the engine keeps going and history is reported as not saved', () => {
    const dir = tempDir();
    const file = path.join(dir, 'haltwatch.db');
    openConnection(file).close();
    const db = new Database(file, { readonly: true });
    const store = new Store({
      db,
      clock: new ManualClock(T0),
      retention: parseRetention({}),
      file,
      scheduleRetention: false,
    });
    store.appendAudit({ at: T0, kind: 'manual', action: 'kill', reason: 'r', actor: 'a' });
    store.insertReports([{ type: 'latency', ms: 5, receivedAt: T0 }]);
    expect(store.health()).toMatchObject({
      persistent: false,
      droppedWrites: 2,
      lastError: expect.stringMatching(/readonly/),
    });
    store.close();
  });
});
