import type { Command } from 'commander';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalServerOptions } from '../core/api/local-server.ts';
import type { CliIo } from './io.ts';
import { dataDirFrom, parsePort, type DataOptions } from './options.ts';

interface ServeOptions extends DataOptions {
  port?: number;
  host?: string;
  token?: string;
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
    .option('--token <token>', 'API token (default: HALTWATCH_TOKEN, else one kept in the data folder)')
    .action(async (options: ServeOptions) => {
      await serve(options, io);
    });
}

function givenToken(options: ServeOptions, env: CliIo['env']): LocalServerOptions['token'] {
  if (options.token !== undefined) return { token: options.token, source: 'option' };
  if (env.HALTWATCH_TOKEN) return { token: env.HALTWATCH_TOKEN, source: 'env' };
  return undefined;
}

async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  // Loaded here so `haltwatch --help` and the light commands do not pay for the whole engine.
  const [{ startLocalServer }, { Monitor }, { startHeadlessNotifications }, { lockDataFolder }] =
    await Promise.all([
      import('../core/api/local-server.ts'),
      import('../core/monitor.ts'),
      import('../core/notify/headless.ts'),
      import('../core/data-lock.ts'),
    ]);
  const dataDir = dataDirFrom(options, io.env);
  // Throws DataFolderInUseError (exit 2) when another engine runs on this folder.
  const lock = lockDataFolder(dataDir, 'haltwatch serve');
  let monitor;
  try {
    monitor = new Monitor({ dataDir, configFile: options.config, log: io.err });
  } catch (error) {
    lock.release();
    throw error;
  }
  for (const problem of monitor.status().problems) io.err(`haltwatch: ${problem.message}`);
  let server;
  try {
    server = await startLocalServer({
      monitor,
      dataDir,
      port: options.port,
      host: options.host,
      token: givenToken(options, io.env),
      staticDir: RENDERER_DIR,
      log: io.err,
    });
  } catch (error) {
    monitor.close();
    lock.release();
    throw error;
  }
  lock.setDashboardUrl(`${server.url}/?token=${server.token}`);
  monitor.start();
  startHeadlessNotifications(monitor);
  io.out(`Dashboard: ${server.url}/?token=${server.token}`);
  io.out(
    `Bot API:   ${server.url}/v1 (OpenAPI at ${server.url}/v1/openapi.json, metrics at ${server.url}/metrics)`,
  );

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
