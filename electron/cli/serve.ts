import type { Command } from 'commander';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalServerOptions } from '../core/api/local-server.ts';
import { TOKEN_FILE } from '../core/paths.ts';
import type { CliIo } from './io.ts';
import { openLockedEngine } from './locked-engine.ts';
import { dataDirFrom, parsePort, type DataOptions } from './options.ts';

interface ServeOptions extends DataOptions {
  port?: number;
  host?: string;
  token?: string;
  operatorToken?: string;
  allowRemoteCommands?: boolean;
}

/** The built dashboard, next to the sources in a clone (npm install builds it). */
export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run Haltwatch headless: the engine, the dashboard, the bot API and /metrics on 127.0.0.1')
    .option('--port <n>', 'port (default: settings api.port, 17321; 0 picks a free one)', parsePort)
    .option(
      '--host <address>',
      'address to listen on (default: settings api.host, 127.0.0.1); anything but loopback needs --token or HALTWATCH_TOKEN',
    )
    .option('--data-dir <dir>', 'data folder (default: the desktop app’s, or HALTWATCH_DATA_DIR)')
    .option('--config <file>', 'services file (default: services.json in the data folder)')
    .option(
      '--token <token>',
      'the bot token: gate, reports, heartbeats, status, issues, override on (default: HALTWATCH_TOKEN, else one kept in the data folder)',
    )
    .option(
      '--operator-token <token>',
      'the operator token: the dashboard and everything else (default: HALTWATCH_OPERATOR_TOKEN, else one kept in the data folder)',
    )
    .option(
      '--allow-remote-commands',
      'let the operator token add, edit and test command services and set secrets over HTTP (off: only the desktop app may)',
    )
    .action(async (options: ServeOptions) => {
      await serve(options, io);
    });
}

function givenToken(option: string | undefined, fromEnv: string | undefined): LocalServerOptions['token'] {
  if (option !== undefined) return { token: option, source: 'option' };
  if (fromEnv) return { token: fromEnv, source: 'env' };
  return undefined;
}

function botTokenWhere(source: string, dataDir: string): string {
  if (source === 'option') return 'the bot token is the one given with --token';
  if (source === 'env') return 'the bot token is HALTWATCH_TOKEN';
  return `the bot token is kept in ${path.join(dataDir, TOKEN_FILE)}`;
}

async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  // Loaded here so `haltwatch --help` and the light commands do not pay for the whole engine.
  const [{ startLocalServer }, { startHeadlessNotifications }] = await Promise.all([
    import('../core/api/local-server.ts'),
    import('../core/notify/headless.ts'),
  ]);
  const dataDir = dataDirFrom(options, io.env);
  const { monitor, lock } = await openLockedEngine({
    dataDir,
    configFile: options.config,
    holder: 'haltwatch serve',
    log: io.err,
  });
  for (const problem of monitor.status().problems) io.err(`haltwatch: ${problem.message}`);
  let server;
  try {
    server = await startLocalServer({
      monitor,
      dataDir,
      port: options.port,
      host: options.host,
      token: givenToken(options.token, io.env.HALTWATCH_TOKEN),
      operatorToken: givenToken(options.operatorToken, io.env.HALTWATCH_OPERATOR_TOKEN),
      allowRemoteCommands: options.allowRemoteCommands === true,
      staticDir: RENDERER_DIR,
      log: io.err,
      publishDashboard: (url) => lock.setDashboardUrl(url),
    });
  } catch (error) {
    monitor.close();
    lock.release();
    throw error;
  }
  try {
    monitor.start();
    startHeadlessNotifications(monitor);
  } catch (error) {
    // A listening API over an engine that does not check nor notify would answer a stale gate.
    await server.close();
    monitor.close();
    lock.release();
    throw error;
  }
  // The dashboard link carries the operator token; the bot's token is never printed.
  io.out(`Dashboard: ${server.url}/?token=${server.operatorToken}`);
  io.out(
    `Bot API:   ${server.url}/v1 (${botTokenWhere(server.tokenSource, dataDir)}; OpenAPI at ${server.url}/v1/openapi.json, metrics at ${server.url}/metrics)`,
  );
  if (options.allowRemoteCommands)
    io.out('Command services and secrets may be changed over HTTP (--allow-remote-commands).');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    monitor.close();
    lock.release();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
