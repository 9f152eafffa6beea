import type { Command } from 'commander';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiServer } from '../core/api/server.ts';
import { resolveToken } from '../core/api/token.ts';
import { createDispatcher } from '../core/dispatcher.ts';
import { Monitor } from '../core/monitor.ts';
import { startHeadlessNotifications } from '../core/notify/headless.ts';
import type { CliIo } from './io.ts';
import { dataDirFrom, parsePort, type DataOptions } from './options.ts';

interface ServeOptions extends DataOptions {
  port?: number;
  token?: string;
}

/** The built dashboard, next to the sources in a clone (npm install builds it). */
export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run Haltwatch headless: the engine, the dashboard and the local API on 127.0.0.1')
    .option(
      '--port <n>',
      'port on 127.0.0.1 (default: settings api.port, 17321; 0 picks a free one)',
      parsePort,
    )
    .option('--data-dir <dir>', 'data folder (default: the desktop app’s, or HALTWATCH_DATA_DIR)')
    .option('--config <file>', 'services file (default: services.json in the data folder)')
    .option('--token <token>', 'API token (default: HALTWATCH_TOKEN, else one kept in the data folder)')
    .action(async (options: ServeOptions) => {
      await serve(options, io);
    });
}

async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  const dataDir = dataDirFrom(options, io.env);
  const monitor = new Monitor({ dataDir, configFile: options.config, log: io.err });
  const token = resolveToken(dataDir, options.token ?? io.env.HALTWATCH_TOKEN);
  for (const problem of monitor.status().problems) io.err(`haltwatch: ${problem.message}`);
  const server = await createApiServer({
    dispatch: createDispatcher(monitor.handlers, io.err),
    events: monitor.events,
    token,
    staticDir: RENDERER_DIR,
    log: io.err,
  });
  const port = options.port ?? monitor.settings.get().api.port;
  await server.listen({ host: '127.0.0.1', port });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  monitor.start();
  startHeadlessNotifications(monitor);
  io.out(`Dashboard: http://127.0.0.1:${actualPort}/?token=${token}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    monitor.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
