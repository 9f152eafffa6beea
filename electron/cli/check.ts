import { formatSignalCause } from '../../shared/cause-text.ts';
import type { Command } from 'commander';
import type { CheckRunView, EngineStatus } from '../../shared/status.ts';
import { EXIT, type CliIo } from './io.ts';
import { openLockedEngine } from './locked-engine.ts';
import { dataDirFrom, type DataOptions } from './options.ts';
import { textTable } from './text-table.ts';

interface CheckOptions extends DataOptions {
  json?: boolean;
}

export function registerCheckCommand(program: Command, io: CliIo): void {
  program
    .command('check')
    .description(
      'run one check of every service now; exit 0 when all are healthy, 1 when any failed, 2 on a usage or config error',
    )
    .option('--config <file>', 'services file (default: services.json in the data folder)')
    .option('--data-dir <dir>', 'data folder (default: the desktop app’s, or HALTWATCH_DATA_DIR)')
    .option('--json', 'print JSON: one entry per service')
    .action(async (options: CheckOptions) => {
      process.exitCode = await runCheckCommand(options, io);
    });
}

async function runCheckCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const dataDir = dataDirFrom(options, io.env);
  // A check is an engine too: beside a running one it would overwrite that one's saved level.
  const { haltwatch, lock } = await openLockedEngine({
    dataDir,
    configFile: options.config,
    holder: 'haltwatch check',
    log: io.err,
  });
  try {
    const before = haltwatch.status();
    const problem = before.problems.find((p) => p.file === haltwatch.config.servicesFile);
    if (problem) {
      io.err(
        `haltwatch check: ${problem.message}${problem.keptAt ? ` (a copy is kept at ${problem.keptAt})` : ''}`,
      );
      return EXIT.usage;
    }
    if (before.services.length === 0) {
      io.err(
        'haltwatch check: no services to check: add them to the services file (see README, "Services file")',
      );
      return EXIT.usage;
    }
    const run = await haltwatch.engine.runCheck({ reason: 'manual' });
    const after = haltwatch.status();
    io.out(options.json ? JSON.stringify(checkJson(run, after), null, 2) : checkTable(run, after));
    return run.results.every((r) => r.ok) ? EXIT.ok : EXIT.unhealthy;
  } finally {
    haltwatch.close();
    lock.release();
  }
}

function checkJson(run: CheckRunView, status: EngineStatus) {
  return run.results.map((r) => {
    const service = status.services.find((s) => s.name === r.service);
    return {
      name: r.service,
      kind: r.kind,
      ok: r.ok,
      outcome: r.outcome,
      latencyMs: Math.round(r.latencyMs),
      reason: r.reason,
      breaker: service?.breaker.state ?? null,
      criticality: service?.criticality ?? null,
    };
  });
}

function checkTable(run: CheckRunView, status: EngineStatus): string {
  const rows = checkJson(run, status).map((r) => [
    r.name,
    r.ok ? 'ok' : r.outcome.toUpperCase(),
    `${r.latencyMs} ms`,
    r.breaker ?? '',
    r.reason,
  ]);
  const header = ['SERVICE', 'RESULT', 'LATENCY', 'BREAKER', 'REASON'];
  const cause = status.level === 'NORMAL' ? '' : formatSignalCause(status.cause, 'level');
  return [...textTable(header, rows), '', `Level: ${status.level}${cause ? ` (cause: ${cause})` : ''}`].join(
    '\n',
  );
}
