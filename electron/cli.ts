import { Command, CommanderError } from 'commander';
import { registerCalendarCommand } from './cli/calendar.ts';
import { registerCheckCommand } from './cli/check.ts';
import { registerExportCommand } from './cli/export.ts';
import { EXIT, processIo, type CliIo } from './cli/io.ts';
import { registerScheduleCommand } from './cli/schedule.ts';
import { registerServeCommand } from './cli/serve.ts';
import { errorMessage } from '../shared/errors.ts';

/** The haltwatch command. Each subcommand lives in electron/cli/<name>.ts. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('haltwatch')
    .description(
      'Watches the services a trading setup depends on and tells the trader and the bot what is allowed.',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run haltwatch --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerServeCommand(program, io);
  registerCheckCommand(program, io);
  registerCalendarCommand(program, io);
  registerScheduleCommand(program, io);
  registerExportCommand(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  }
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 unhealthy, 2 usage or config error. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram(io).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    io.err(`haltwatch: ${errorMessage(error)}`);
    return EXIT.usage;
  }
  return Number(process.exitCode ?? EXIT.ok);
}
