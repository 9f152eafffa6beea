import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOpensRefused, killHard, startBot, tempDataDir, type Bot, FAULT_TEST_MS } from './support.ts';

/**
 * A real `haltwatch serve` whose data folder sits on a 2 MB tmpfs that the test fills to the brim.
 * Mounting needs root (CI runs as root on Debian). Where `mount` is refused the suite is skipped, and
 * the reason is the mount command's own error, shown in the test name.
 */
const root = tempDataDir('disk-full');
const mountPoint = path.join(root, 'small-disk');
fs.mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], {
  encoding: 'utf8',
});
const skipReason =
  mounted.status === 0
    ? null
    : `mounting a tmpfs is not permitted here: ${(mounted.stderr || String(mounted.error)).trim()}`;

const bots: Bot[] = [];
const filler = path.join(mountPoint, 'filler');

/** Writes until the file system refuses even a single byte. */
function fillToTheBrim(): void {
  const fd = fs.openSync(filler, 'w');
  try {
    for (const size of [65_536, 4_096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Posts one report at a time until the engine refuses one (at most 200); returns how many it accepted. */
async function reportUntilRefused(bot: Bot): Promise<number> {
  for (let accepted = 0; accepted < 200; accepted++) {
    const answer = await bot.report([{ type: 'order_success' }]);
    if (answer.status !== 200) {
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
      return accepted;
    }
  }
  throw new Error('200 reports accepted on a full disk');
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`${what} within ${ms} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(() => {
  if (skipReason) console.warn(`test/fault/disk-full: ${skipReason}`);
});

afterAll(async () => {
  for (const bot of bots.splice(0)) await killHard(bot);
  if (!skipReason) spawnSync('umount', [mountPoint]);
  fs.rmSync(root, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)(
  `a full disk${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  { timeout: FAULT_TEST_MS },
  () => {
    it('holds HALT while writes fail, refuses reports with 503, recovers by itself and loses nothing accepted', async () => {
      const dir = path.join(mountPoint, 'recovers');
      const bot = await startBot(dir);
      bots.push(bot);
      let accepted = 0;
      for (let i = 0; i < 20; i++)
        if ((await bot.report([{ type: 'order_success' }])).status === 200) accepted++;
      expect(await bot.gate('open')).toMatchObject({ allowed: true, level: 'NORMAL' });

      fillToTheBrim();
      accepted += await reportUntilRefused(bot);
      expect((await bot.status()).history).toMatchObject({ persistent: false });
      await expectOpensRefused(bot, 'history_unwritable');

      fs.rmSync(filler);
      // The engine retries its own save every 10 s: no report is needed to find the disk writable.
      const recovered = await waitFor(
        'the history saved again',
        () => bot.status(),
        (s) => s.history.persistent,
        60_000,
      );
      // Never more permissive than the trader saw: HALT stays until its cooldown and confirmation.
      expect(recovered).toMatchObject({
        level: 'HALT',
        desiredLevel: 'NORMAL',
        cause: { signal: 'history_unwritable' },
      });
      expect(await bot.gate('open')).toMatchObject({ allowed: false });
      expect(await bot.report([{ type: 'order_success' }])).toMatchObject({
        status: 200,
        body: { accepted: 1 },
      });
      accepted += 1;

      expect(await bot.serve.stop()).toBe(0);
      const db = new Database(path.join(dir, 'haltwatch.db'), { readonly: true });
      try {
        expect(db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: accepted });
      } finally {
        db.close();
      }
    });

    it('a crash while the disk is full restarts at HALT once there is room again', async () => {
      fs.rmSync(path.join(mountPoint, 'recovers'), { recursive: true, force: true });
      const dir = path.join(mountPoint, 'crashes');
      const bot = await startBot(dir);
      bots.push(bot);
      expect(await bot.gate('open')).toMatchObject({ allowed: true, level: 'NORMAL' });
      fillToTheBrim();
      await reportUntilRefused(bot);
      await expectOpensRefused(bot, 'history_unwritable');
      await killHard(bot);
      fs.rmSync(filler);

      const restarted = await startBot(dir);
      bots.push(restarted);
      await expectOpensRefused(restarted, 'state_lost');
    });
  },
);
