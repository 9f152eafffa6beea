import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli.ts';
import { LOCK_FILE } from '../../../electron/core/data-lock.ts';

vi.mock('../../../electron/core/notify/headless.ts', () => ({
  startHeadlessNotifications: () => {
    throw new Error('notifications could not start: no notifier');
  },
}));

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-serve-fail-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('haltwatch serve failing after it listens', () => {
  it('closes the API and releases the data folder instead of answering a gate nothing checks', async () => {
    const port = await freePort();
    const io = { stdout: '', stderr: '', env: {} as Record<string, string | undefined> };
    const code = await main(['node', 'haltwatch', 'serve', '--data-dir', dataDir, '--port', String(port)], {
      env: io.env,
      out: (text) => void (io.stdout += `${text}\n`),
      err: (text) => void (io.stderr += `${text}\n`),
    });
    expect(code).toBe(2);
    expect(io.stderr).toContain('notifications could not start: no notifier');
    expect(io.stdout).not.toContain('Dashboard:');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(await refused(port)).toBe(true);
  });
});
