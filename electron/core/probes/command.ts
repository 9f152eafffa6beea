import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { ServiceOfKind } from '../../../shared/services.ts';
import { SECRET_ENV_PREFIX } from '../secrets/env-secrets.ts';
import { healthy, unhealthy, type ProbeEnv, type Verdict } from './context.ts';
import { onAbort } from './deadline.ts';
import { resolveRecord } from '../secrets/resolve-refs.ts';
import { OutputTail } from './output-tail.ts';

type CommandService = ServiceOfKind<'command'>;

/** A user command must not see every secret Haltwatch holds, only those its service passes. */
function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith(SECRET_ENV_PREFIX),
    ),
  );
}

const ownsProcessGroup = process.platform !== 'win32';

/** The command and everything it started: a health script's background children go too. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (ownsProcessGroup) process.kill(-pid, 'SIGKILL');
    else process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function probeCommand(service: CommandService, env: ProbeEnv): Promise<Verdict> {
  const label = JSON.stringify(service.command);
  if (service.cwd && !(await stat(service.cwd).catch(() => undefined))?.isDirectory())
    return unhealthy(`working directory not found: ${service.cwd}`);
  const childEnv = { ...inheritedEnv(process.env), ...resolveRecord(service.env, env.secrets) };
  const output = new OutputTail(service.outputLimitBytes, env.redact);

  return new Promise<Verdict>((resolve) => {
    const child = spawn(service.command, service.args, {
      cwd: service.cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: ownsProcessGroup,
      windowsHide: true,
    });
    const stopAbort = onAbort(env.signal, () => {
      killTree(child.pid);
      child.stdout?.destroy();
      child.stderr?.destroy();
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', (err: NodeJS.ErrnoException) => {
      stopAbort();
      if (err.code === 'ENOENT') resolve(unhealthy(`command not found: ${label}`));
      else if (err.code === 'EACCES') resolve(unhealthy(`not allowed to run ${label} (is it executable?)`));
      else resolve(unhealthy(`could not start ${label}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      // Leftover background processes of the command are not kept running by the monitor;
      // the group is killed when the runner settles the probe, via the same abort hook.
      const details = { output: output.text(), ...(code === null ? {} : { exitCode: code }) };
      if (code === 0) resolve(healthy(`${label} exited with 0`, details));
      else if (code === null) resolve(unhealthy(`${label} was killed by ${signal ?? 'a signal'}`, details));
      else {
        const line = output.lastLine();
        resolve(unhealthy(`${label} exited with code ${code}${line ? `: ${line}` : ''}`, details));
      }
    });
  });
}
