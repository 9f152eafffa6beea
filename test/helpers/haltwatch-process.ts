import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const HALTWATCH_BIN = path.join(REPO_ROOT, 'bin', 'haltwatch.js');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `haltwatch serve --port 0` as a real process and waits for its Dashboard line; `token` is
 * the operator token that line carries (it may do everything the bot token may). Unless the
 * data folder already has settings, services are not probed on their own intervals: a test runs the
 * checks it looks at, so background probes cannot race its assertions (detection.spec turns them on).
 */
export function startServe(
  dataDir: string,
  extraArgs: string[] = [],
  timeoutMs = 20_000,
): Promise<ServeProcess> {
  const settings = path.join(dataDir, 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(settings, JSON.stringify({ monitoring: { enabled: false } }));
  }
  const child = spawn(
    process.execPath,
    [HALTWATCH_BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, HALTWATCH_TOKEN: undefined, HALTWATCH_OPERATOR_TOKEN: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const append = (chunk: Buffer) => (out += chunk.toString());
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`haltwatch serve did not print its Dashboard line within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      const match = /Dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(out);
      if (!match?.[1] || !match[3]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        origin: new URL(match[1]).origin,
        token: match[3],
        child,
        output: () => out,
        stop,
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`haltwatch serve exited with ${code}:\n${out}`));
    });
  });
}
