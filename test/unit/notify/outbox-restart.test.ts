import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadOnly } from '../../../electron/core/store/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { centerHarness } from '../../helpers/notification-center.ts';
import { startProviderFake, type ProviderFake } from '../../helpers/servers/provider-fake.ts';

const CHILD = fileURLToPath(new URL('./outbox-child.ts', import.meta.url));

let dir: string;
let fake: ProviderFake;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-outbox-'));
  fake = await startProviderFake();
});
afterEach(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Outbox states by channel, read from the file as another process would. */
function states(): Record<string, string[]> {
  const db = openReadOnly(path.join(dir, 'haltwatch.db'));
  try {
    const rows = db
      .prepare<[], { channel: string; state: string }>('SELECT channel, state FROM outbox ORDER BY notice_id')
      .all();
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.channel] ??= []).push(row.state);
    return out;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const byChannel = (name: string) =>
  fake.requests
    .filter((r) => r.url === `/${name}`)
    .map((r) => ({
      key: r.headers['idempotency-key'],
      title: (JSON.parse(r.body) as { title: string }).title,
    }));

describe('the outbox across a SIGKILL', () => {
  it('loses no notice and sends none twice after a recorded success; the one cut off is sent again under its key', async () => {
    // "slow" never answers while the first process runs: it is killed mid-delivery.
    fake.route = (request) => (request.url === '/slow' ? 'hang' : undefined);
    const child = spawn(process.execPath, [CHILD, dir, fake.origin], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    try {
      await until(
        () => fake.requests.some((r) => r.url === '/slow'),
        `the first delivery on "slow" (${stderr})`,
      );
      await until(() => states().fast?.join() === 'sent,sent,sent', 'every "fast" delivery recorded as sent');
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(states()).toEqual({ slow: ['sending', 'pending', 'pending'], fast: ['sent', 'sent', 'sent'] });
    const cutOff = byChannel('slow')[0];

    // The next start: "slow" answers now.
    fake.route = null;
    const clock = new ManualClock(Date.now() + 1_000);
    const restarted = centerHarness({
      clock,
      dir,
      notifications: {
        channels: ['slow', 'fast'].map((name) => ({
          kind: 'webhook',
          name,
          url: `${fake.origin}/${name}`,
          minPriority: 'INFO',
        })),
      },
    });
    restarted.center.start();
    await restarted.center.idle();
    restarted.center.stop();
    restarted.store.close();

    expect(states()).toEqual({ slow: ['sent', 'sent', 'sent'], fast: ['sent', 'sent', 'sent'] });
    expect(byChannel('fast').map((r) => r.title)).toEqual(['notice 1', 'notice 2', 'notice 3']);
    expect(byChannel('slow')).toEqual([
      cutOff,
      cutOff,
      { key: expect.any(String), title: 'notice 2' },
      { key: expect.any(String), title: 'notice 3' },
    ]);
    expect(cutOff?.title).toBe('notice 1');

    // A third start finds nothing left to send.
    const again = centerHarness({ clock, dir, notifications: { channels: [] } });
    again.center.start();
    await again.center.idle();
    again.center.stop();
    again.store.close();
    expect(fake.requests).toHaveLength(7);
  }, 30_000);
});
