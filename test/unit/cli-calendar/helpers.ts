import { Command } from 'commander';
import type { CliIo } from '../../../electron/cli/io.ts';
import { registerCalendarCommand } from '../../../electron/cli/calendar.ts';
import { registerScheduleCommand } from '../../../electron/cli/schedule.ts';

export interface CliResult {
  out: string;
  err: string;
  exitCode: number;
}

/** Runs `haltwatch <args>` in-process with captured output; the exit code is process.exitCode. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {} };
  const program = new Command('haltwatch')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerCalendarCommand(program, io);
  registerScheduleCommand(program, io);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'haltwatch', ...args]);
    return { out: out.join('\n'), err: err.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = undefined;
  }
}
