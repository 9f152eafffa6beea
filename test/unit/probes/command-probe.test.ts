import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runProbe } from '../../../electron/core/probes/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { context, service } from './kit.ts';

const sh = (script: string, extra: Record<string, unknown> = {}) =>
  service({ kind: 'command', command: 'sh', args: ['-c', script], timeoutMs: 5000, ...extra });

/** Gone, or a zombie nobody reaped yet (a container's init may not): either way, not running. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('command probe', () => {
  it('is healthy on exit 0 and keeps the output', async () => {
    const result = await runProbe(sh('echo all good'), context());
    expect(result).toMatchObject({
      outcome: 'ok',
      reason: '"sh" exited with 0',
      details: { exitCode: 0, output: 'all good\n' },
    });
  });

  it('fails on another exit code with the last line of output', async () => {
    const result = await runProbe(sh('echo checking; echo "replica lag 45s" >&2; exit 2'), context());
    expect(result).toMatchObject({ outcome: 'fail', reason: '"sh" exited with code 2: replica lag 45s' });
  });

  it('keeps only the tail of long output and says how much was cut', async () => {
    const result = await runProbe(
      sh('head -c 5000 /dev/zero | tr "\\0" a; echo END', { outputLimitBytes: 100 }),
      context(),
    );
    const output = String(result.details?.output);
    expect(output).toMatch(/^\[4904 bytes cut\]…a+END\n$/);
    expect(output.length).toBeLessThan(130);
  });

  it('names a command that does not exist or cannot run', async () => {
    expect(
      (await runProbe(service({ kind: 'command', command: 'no-such-command-xyz' }), context())).reason,
    ).toBe('command not found: "no-such-command-xyz"');
    expect((await runProbe(service({ kind: 'command', command: '/tmp' }), context())).reason).toBe(
      'not allowed to run "/tmp" (is it executable?)',
    );
    expect((await runProbe(sh('true', { cwd: '/no/such/dir' }), context())).reason).toBe(
      'working directory not found: /no/such/dir',
    );
  });

  it('kills the command and what it started at the timeout', async () => {
    const clock = new ManualClock();
    const pidFile = path.join(os.tmpdir(), `haltwatch-probe-${process.pid}-${Date.now()}`);
    const pending = runProbe(
      sh(`sleep 30 & echo $! > ${pidFile}; wait`, { timeoutMs: 800 }),
      context({ clock }),
    );
    const child = await vi.waitFor(() => Number(readFileSync(pidFile, 'utf8')));
    clock.advance(800);
    expect(await pending).toMatchObject({ outcome: 'timeout', reason: 'timed out after 800 ms ("sh")' });
    await vi.waitFor(() => expect(isRunning(child)).toBe(false));
  });

  it('passes secrets through env only, and not Haltwatch’s own secret variables', async () => {
    process.env.HALTWATCH_SECRET_OTHER = 'do-not-inherit';
    try {
      const result = await runProbe(
        sh('test "$TOKEN" = "tok-123" && test -z "$HALTWATCH_SECRET_OTHER"', {
          env: { TOKEN: { secret: 'T' } },
        }),
        context({ secrets: staticSecrets({ T: 'tok-123' }) }),
      );
      expect(result.outcome).toBe('ok');
    } finally {
      delete process.env.HALTWATCH_SECRET_OTHER;
    }
  });
});
